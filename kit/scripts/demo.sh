#!/usr/bin/env bash
# The main job: probe the bundled guest programs of every ABI.
set -euo pipefail
make -s guests
./build/compatkit probe build/guest/*/hello build/guest/*/hello.dyn
