// Writes the icon font the web app ships: Material Symbols Outlined reduced to the icons Jalon
// uses, at the weight it shows them (400, not filled, grade 0, optical size 24).
//
//   node web/scripts/subset-icons.mjs        (run by `nx run web:build` and `web:serve` first)
//
// The published variable font holds some 3,800 icons in 4 MB; the planning page must load in
// under 1 MB (issue 9, Performance). Icons are written as ligatures (`<mat-icon>add</mat-icon>`),
// so the subset keeps the letters and, for each icon used, its glyph and the ligature that forms
// it, and nothing else (no layout closure: the other ligatures go).
//
// Which icons are used is read from the sources, so a new icon needs no list to update: every
// word between <mat-icon> tags and every quoted string literal of web/src that names an icon of
// the font is kept (a quoted 'schedule' that is not an icon costs a few hundred bytes at most).
import { readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as hb from 'harfbuzzjs';
import fontverter from 'fontverter';
import subsetFont from 'subset-font';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const source = join(root, 'node_modules/material-symbols/material-symbols-outlined.woff2');
const target = join(root, 'web/src/assets/material-symbols-outlined-subset.woff2');

function* files(folder) {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(ts|html)$/.test(name) && !/\.spec\.ts$/.test(name)) yield path;
  }
}

const candidates = new Set();
for (const path of files(join(root, 'web/src'))) {
  const text = readFileSync(path, 'utf8');
  for (const match of text.matchAll(/<mat-icon[^>]*>\s*([a-z0-9_]+)\s*<\/mat-icon>/g)) candidates.add(match[1]);
  for (const match of text.matchAll(/['"`]([a-z][a-z0-9_]{1,40})['"`]/g)) candidates.add(match[1]);
}

const truetype = await fontverter.convert(readFileSync(source), 'truetype');
const face = new hb.Face(new hb.Blob(truetype));
const font = new hb.Font(face);
const glyphOf = (text) => {
  const buffer = new hb.Buffer();
  buffer.addText(text);
  buffer.guessSegmentProperties();
  hb.shape(font, buffer);
  const glyphs = buffer.getGlyphInfos().map((info) => info.codepoint);
  return glyphs.length === 1 ? glyphs[0] : null;
};

// Each icon also has a code point of its own (private use area): it brings its glyph into the subset.
const codePointOfGlyph = new Map();
for (const codePoint of face.collectUnicodes()) {
  if (codePoint < 0xe000) continue;
  const glyph = font.nominalGlyph(codePoint);
  if (glyph !== undefined && !codePointOfGlyph.has(glyph)) codePointOfGlyph.set(glyph, codePoint);
}

const icons = [];
let text = 'abcdefghijklmnopqrstuvwxyz0123456789_';
for (const name of [...candidates].sort()) {
  if (name.length < 2) continue;
  const glyph = glyphOf(name);
  const codePoint = glyph === null ? undefined : codePointOfGlyph.get(glyph);
  if (codePoint === undefined) continue;
  icons.push(name);
  text += String.fromCodePoint(codePoint);
}

const subset = await subsetFont(Buffer.from(truetype), text, {
  targetFormat: 'woff2',
  noLayoutClosure: true,
  variationAxes: { FILL: 0, wght: 400, GRAD: 0, opsz: 24 },
});
mkdirSync(dirname(target), { recursive: true });
let previous = null;
try {
  previous = readFileSync(target);
} catch {
  // first run
}
if (!previous || !previous.equals(subset)) writeFileSync(target, subset);
console.log(`${icons.length} icons, ${(subset.length / 1024).toFixed(1)} KiB: ${icons.join(' ')}`);
