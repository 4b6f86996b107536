#!/usr/bin/env bash
# The programs the tests drive, from Debian's packages: a headless browser and its driver, a second
# SPARQL server (Virtuoso), Java for the OWL reasoner, and Apache for a release's redirect rules.
# Installs the missing ones with apt-get when run as root; otherwise names them and exits 2.
# The README's test command and .ci/run both start with this; the tests themselves install nothing.
set -uo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v chromedriver >/dev/null || need+=(chromium-driver)
command -v virtuoso-t >/dev/null || need+=(virtuoso-opensource)
command -v java >/dev/null || need+=(default-jre-headless)
command -v apache2 >/dev/null || [ -x /usr/sbin/apache2 ] || need+=(apache2)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "tests/system-packages.sh: install these Debian packages first (as root): ${need[*]}" >&2
  exit 2
fi
echo "tests/system-packages.sh: installing ${need[*]}" >&2
apt-get update -qq || exit 2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null || exit 2
