#!/usr/bin/env bash
# What the tests need beyond pip: Debian's Chromium, for the test that opens the HTML report in a
# real browser (tests/test_html_report.py). Installs it when it is missing; says so and fails when
# it cannot, rather than letting that test be skipped.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-test-deps: no chromium, and no apt-get to install it with; install Chromium and put it on PATH" >&2
    exit 1
fi
run() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
export DEBIAN_FRONTEND=noninteractive
run apt-get update -qq
run apt-get install -y -qq --no-install-recommends chromium >/dev/null
command -v chromium >/dev/null
