// Where the bytes of a wasm module go, by crate: a small twiggy, with no install. Reads the
// module's sections, sizes each function body of the code section and names it from the `name`
// section (the pre-wasm-bindgen module keeps it), demangles Rust's legacy symbols and credits
// the function to a crate: the first path segment, the type's crate for `<T as Trait>::f` and
// `drop_in_place<T>`. Data segments are one row (rodata: tables, strings, panic locations).
//
//   node bench/lib/wasm-crates.mjs target/wasm32-unknown-unknown/release/certkit_wasm.wasm [--functions=N]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

function reader(bytes) {
  let at = 0;
  const leb = () => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = bytes[at++];
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if (byte < 0x80) return result;
    }
  };
  return {
    leb,
    get at() {
      return at;
    },
    set at(value) {
      at = value;
    },
    name() {
      const length = leb();
      const text = new TextDecoder().decode(bytes.subarray(at, at + length));
      at += length;
      return text;
    },
  };
}

/** The sections of a module: `{ id, name, start, end }` (byte offsets of the contents). */
export function sections(bytes) {
  const r = reader(bytes);
  r.at = 8;
  const out = [];
  while (r.at < bytes.length) {
    const id = bytes[r.at];
    r.at += 1;
    const size = r.leb();
    const start = r.at;
    let name = [
      'custom',
      'type',
      'import',
      'function',
      'table',
      'memory',
      'global',
      'export',
      'start',
      'elem',
      'code',
      'data',
      'datacount',
    ][id];
    if (id === 0) name = `custom "${r.name()}"`;
    out.push({ id, name, start, end: start + size, size: start + size - (start - 1) });
    r.at = start + size;
  }
  return out;
}

const ESCAPES = {
  $LT$: '<',
  $GT$: '>',
  $RF$: '&',
  $BP$: '*',
  $C$: ',',
  $SP$: '@',
  $u20$: ' ',
  $u27$: "'",
  $u5b$: '[',
  $u5d$: ']',
  $u7b$: '{',
  $u7d$: '}',
  $u3b$: ';',
  $u2b$: '+',
  $u22$: '"',
  $u7e$: '~',
  $u21$: '!',
};

/** Rust legacy mangling (`_ZN…E`) to a readable path; other names are returned as they are. */
export function demangle(symbol) {
  if (!symbol.startsWith('_ZN')) return symbol;
  const parts = [];
  let at = 3;
  while (at < symbol.length && symbol[at] !== 'E') {
    let digits = '';
    while (/[0-9]/.test(symbol[at])) digits += symbol[at++];
    if (!digits) break;
    parts.push(symbol.slice(at, at + Number(digits)));
    at += Number(digits);
  }
  if (parts.length > 1 && /^h[0-9a-f]{16}$/.test(parts.at(-1))) parts.pop();
  return parts
    .map((part) =>
      part
        .replace(/^_\$/, '$')
        .replace(/\$[A-Za-z0-9]+\$/g, (code) => ESCAPES[code] ?? code)
        .replaceAll('..', '::'),
    )
    .join('::');
}

/** The crate a demangled function is credited to. */
export function crateOf(path) {
  let name = path;
  if (name.startsWith('_R')) {
    // v0 mangling (the standard library is built with it): the first crate root, `C[s<hash>_]<len><name>`.
    const root = /C(?:s[0-9A-Za-z]*_)?(\d+)/.exec(name);
    return root ? name.substr(root.index + root[0].length, Number(root[1])) : '(other)';
  }
  if (!name.includes('::')) return '(exports and glue)';
  const impl = /^<(.+?) as ([A-Za-z_][A-Za-z0-9_]*)::/.exec(name);
  if (impl && /^(&|\*|\[|\(|[A-Z][A-Za-z0-9]*\b(?!::)|bool|char|str|[iuf](8|16|32|64|128|size)\b)/.test(impl[1])) return impl[2];
  const drop = /^core::ptr::drop_in_place<(.*)>$/.exec(name);
  if (drop) name = drop[1];
  name = name.replace(/^[<&*\s]+|^(mut|dyn|const)\s+/g, '');
  name = name.replace(/^impl\s+/, '');
  const match = /^([A-Za-z_][A-Za-z0-9_]*)/.exec(name);
  if (!match) return '(other)';
  return ['impl', 'mut', 'dyn'].includes(match[1]) ? crateOf(name.slice(match[1].length)) : match[1];
}

/** `{ functions: [{ name, crate, size }], data, sections }` of a module's bytes. */
export function analyse(bytes) {
  const all = sections(bytes);
  const names = new Map();
  let imported = 0;
  const r = reader(bytes);
  for (const section of all) {
    if (section.name === 'import') {
      r.at = section.start;
      const count = r.leb();
      for (let i = 0; i < count; i++) {
        r.name();
        r.name();
        const kind = bytes[r.at++];
        if (kind === 0) {
          r.leb();
          imported++;
        } else if (kind === 1) {
          r.at++;
          const flags = r.leb();
          r.leb();
          if (flags & 1) r.leb();
        } else if (kind === 2) {
          const flags = r.leb();
          r.leb();
          if (flags & 1) r.leb();
        } else r.at += 2;
      }
    }
    if (section.name === 'custom "name"') {
      r.at = section.start;
      r.name();
      while (r.at < section.end) {
        const sub = bytes[r.at++];
        const size = r.leb();
        const end = r.at + size;
        if (sub === 1) {
          const count = r.leb();
          for (let i = 0; i < count; i++) names.set(r.leb(), r.name());
        }
        r.at = end;
      }
    }
  }
  const functions = [];
  const code = all.find((s) => s.name === 'code');
  if (code) {
    r.at = code.start;
    const count = r.leb();
    for (let i = 0; i < count; i++) {
      const bodyStart = r.at;
      const size = r.leb();
      const total = r.at - bodyStart + size;
      r.at += size;
      const name = demangle(names.get(imported + i) ?? `func[${imported + i}]`);
      functions.push({ name, crate: crateOf(name), size: total, start: bodyStart, end: r.at });
    }
  }
  const dataSections = all.filter((s) => s.name === 'data');
  const data = dataSections.reduce((sum, s) => sum + (s.end - s.start), 0);
  return { functions, data, dataBytes: Buffer.concat(dataSections.map((s) => bytes.subarray(s.start, s.end))), sections: all };
}

/**
 * Bytes per crate, largest first, with the data section as its own row. `gzip` is each crate's
 * function bodies gzipped together (level 9): an estimate of its share of the download, since
 * gzip finds repeats across crates too.
 */
export function byCrate(bytes) {
  const { functions, data, dataBytes } = analyse(bytes);
  const parts = new Map();
  // wasm-bindgen runs the describe functions at build time and removes them from what ships.
  for (const f of functions.filter((f) => !f.name.startsWith('__wbindgen_describe'))) {
    const list = parts.get(f.crate) ?? [];
    list.push(bytes.subarray(f.start, f.end));
    parts.set(f.crate, list);
  }
  const gz = (chunks) => gzipSync(Buffer.concat(chunks), { level: 9 }).length;
  const rows = [...parts].map(([crate, chunks]) => ({ crate, size: chunks.reduce((n, c) => n + c.length, 0), gzip: gz(chunks) }));
  rows.push({ crate: '(data segments)', size: data, gzip: gz([dataBytes]) });
  return rows.sort((a, b) => b.size - a.size);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2] ?? 'target/wasm32-unknown-unknown/release/certkit_wasm.wasm';
  const bytes = readFileSync(file);
  const { functions, sections: all } = analyse(bytes);
  console.log(`${file}: ${bytes.length} bytes`);
  for (const s of all) console.log(`  section ${s.name.padEnd(32)} ${String(s.end - s.start).padStart(9)}`);
  const rows = byCrate(bytes);
  const counted = rows.reduce((sum, row) => sum + row.size, 0);
  console.log(`\nby crate (code bodies + data = ${counted}):`);
  console.log(`  ${'raw'.padStart(9)}  ${'share'.padStart(6)}  ${'gzip'.padStart(8)}  crate`);
  for (const row of rows.filter((r) => r.size >= 500))
    console.log(
      `  ${String(row.size).padStart(9)}  ${((100 * row.size) / counted).toFixed(1).padStart(5)}%  ${String(row.gzip).padStart(8)}  ${row.crate}`,
    );
  const small = rows.filter((r) => r.size < 500);
  console.log(
    `  ${String(small.reduce((n, r) => n + r.size, 0)).padStart(9)}          ${''.padStart(8)}  (${small.length} crates under 500 bytes)`,
  );
  const top = Number(/--functions=(\d+)/.exec(process.argv.join(' '))?.[1] ?? 0);
  if (top) {
    console.log(`\nlargest ${top} functions:`);
    for (const f of [...functions].sort((a, b) => b.size - a.size).slice(0, top))
      console.log(`  ${String(f.size).padStart(8)}  ${f.name.slice(0, 160)}`);
  }
}
