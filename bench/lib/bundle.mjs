// esbuild bundles as a site would ship them: one minified ES module for browsers. A `.wasm`
// is fetched at run time (`new URL(…, import.meta.url)`), so it never enters a bundle.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const benchDir = fileURLToPath(new URL('..', import.meta.url));

/** What each peer's page imports; resolved from bench/node_modules. */
export const PEER_ENTRIES = {
  '@peculiar/x509 + reflect-metadata': "import 'reflect-metadata';\nexport * from '@peculiar/x509';",
  'node-forge': "export { default } from 'node-forge';",
  'pkijs (+ asn1js, pvtsutils)': "export * from 'pkijs';",
  jsrsasign: "export { default } from 'jsrsasign';",
};

/** Bundles `entry` (a file path, or `{ contents }` source) to minified ESM bytes. */
export async function bundle(entry) {
  const input =
    typeof entry === 'string' ? { entryPoints: [entry] } : { stdin: { contents: entry.contents, resolveDir: benchDir, loader: 'js' } };
  const result = await build({
    ...input,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    external: ['*.wasm'],
  });
  return result.outputFiles[0].contents;
}
