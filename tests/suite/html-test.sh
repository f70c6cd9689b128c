#!/usr/bin/env bash
# html-test.sh: open `compatkit suite --html` output in headless chromium.
# The page is made from fixtures (one passing, one failing case listed as
# pass), then:
#  - the DOM after scripts ran (--dump-dom, with #cell=kit/ABI/fix selecting
#    the cell as a click does) must hold the heat-map table and list the
#    failing case with its output, and not the passing one;
#  - a screenshot must show the heat-map: coloured cells, i.e. enough
#    strongly saturated pixels (decoded with python3's zlib; no imaging
#    library needed).
# Skipped, with the reason, when chromium is not installed (kit/scripts/deps.sh
# installs it).  Counts: tests/record.sh suite-html.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2
abi=${FIX_ABI:-amd64} w=build/suite-html
pass=0 fail=0 skip=0
ok() { echo "PASS $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1${2:+: $2}"; fail=$((fail + 1)); }
finish() { echo "suite-html: $pass passed, $fail failed, $skip skipped"; bash tests/record.sh suite-html "$pass" "$fail" "$skip"; [ "$fail" = 0 ]; exit; }

chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
	echo "SKIP suite-html: chromium not installed (apt install chromium; kit/scripts/deps.sh lists it)"
	skip=1; finish
fi
rm -rf "$w"; mkdir -p "$w"
printf 'fix_pass\tfix\tall\tpass\nfix_fail\tfix\tall\tpass\n' >"$w/m.tsv"
build/compatkit suite --ltp build/suite-fix --abi "$abi" --lane kit -m "$w/m.tsv" --html "$w/page.html" \
	fix_pass fix_fail >"$w/suite.txt" 2>&1
[ -s "$w/page.html" ] && ok "page written" || { bad "page written" "$(cat "$w/suite.txt")"; finish; }

page="file://$PWD/$w/page.html"
flags=(--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --user-data-dir="$PWD/$w/profile")
timeout 60 "$chromium" "${flags[@]}" --dump-dom "$page#cell=kit/$abi/fix" >"$w/dom.html" 2>"$w/chromium.err"
if grep -q '<table id="matrix">' "$w/dom.html" && grep -q '>1/2</td>' "$w/dom.html"; then ok "heat-map table in the DOM"
else bad "heat-map table in the DOM" "$(head -c 300 "$w/dom.html") $(tail -3 "$w/chromium.err")"; fi
detail=$(sed -n '/<div id="detail">/,/<\/div><\/div>\|<script/p' "$w/dom.html")
if grep -q '<b>fix_fail</b>' <<<"$detail" && grep -q 'second part wrong' <<<"$detail" && ! grep -q '<b>fix_pass</b>' <<<"$detail"
then ok "selecting a cell lists its failing case with output"
else bad "selecting a cell lists its failing case with output" "$(head -c 400 <<<"$detail")"; fi

timeout 60 "$chromium" "${flags[@]}" --window-size=800,400 --screenshot="$PWD/$w/shot.png" "$page" >/dev/null 2>>"$w/chromium.err"
if [ ! -s "$w/shot.png" ]; then bad "screenshot" "none written: $(tail -3 "$w/chromium.err")"; finish; fi
if ! command -v python3 >/dev/null; then echo "SKIP screenshot colours: no python3"; skip=$((skip + 1)); finish; fi
n=$(python3 - "$w/shot.png" <<'PY'
import struct, sys, zlib
d = open(sys.argv[1], 'rb').read()
assert d[:8] == b'\x89PNG\r\n\x1a\n'
pos, idat, w = 8, b'', 0
while pos < len(d):
    n, t = struct.unpack('>I4s', d[pos:pos + 8]); body = d[pos + 8:pos + 8 + n]; pos += 12 + n
    if t == b'IHDR': w, h, depth, ctype = struct.unpack('>IIBB', body[:10])
    elif t == b'IDAT': idat += body
bpp = {2: 3, 6: 4}[ctype]
raw, stride, prev, out, i = zlib.decompress(idat), w * bpp, bytearray(w * bpp), 0, 0
for y in range(h):
    f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0; b = prev[x]; c = prev[x - bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    for x in range(0, stride, bpp):
        px = line[x:x + 3]
        if max(px) - min(px) > 80: out += 1
    prev = line
print(out)
PY
)
# two cells of about 60x28 pixels each are coloured
if [ "${n:-0}" -gt 1500 ]; then ok "screenshot shows coloured cells ($n saturated pixels)"
else bad "screenshot shows coloured cells" "only ${n:-?} saturated pixels"; fi
finish
