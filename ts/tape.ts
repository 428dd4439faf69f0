/**
 * Results leave wasm as tapes (the format is described in bindings/src/tape.rs): an array of
 * words, read in place in wasm memory, and one string table and one byte table per result. This
 * turns a tape into plain objects in one pass, which costs far less than building them field by
 * field across the wasm boundary. The words are
 * generated from the Rust declarations (`ts/generated/tape-words.ts`). A 64-bit integer that a
 * number cannot hold exactly never arrives: the encoder refuses it (`UNSAFE_INTEGER`).
 *
 * Byte fields (`der`, `signature`, `spki`, ...) are views into the one byte table of their
 * result, a fresh buffer no other result shares: a copy per field was a third of the decoding
 * time of a typical certificate. `field.buffer` is therefore that table, not the field alone.
 * @module
 */
import { tapeKeyName, tapeMemory, tapeShapeKeys, type Tape } from './wasm/certkit.js';
import { ARRAY, BYTES, DIGEST, DYNAMIC_KEY, FALSE, NUMBER, OBJECT, SHAPED, STRING, TRUE, UINT, UNDEFINED } from './generated/tape-words.js';

/**
 * Makes the text of an output digest (`kind` is one of the `DIGEST_*` words) from its bytes.
 * Set by an entry whose runtime digests faster than wasm (Node); tapes carry `DIGEST` words
 * only after that entry asked the module for them.
 */
export type Digester = (kind: number, data: Uint8Array) => string;
let digester: Digester | undefined;

/** Has `DIGEST` words read by `digest` (before the module is asked to write them). */
export function setDigester(digest: Digester): void {
  digester = digest;
}

/** An entry's set-up that waits until enough results were read to be worth its cost. */
let deferredSetUp: { resultsLeft: number; run: () => void } | undefined;

/** Runs `setUp` once, right after the `results`-th result from now has been read. */
export function afterResults(results: number, setUp: () => void): void {
  deferredSetUp = { resultsLeft: results, run: setUp };
}

/** Field names by id; ids are stable for the life of the wasm instance this module loaded. */
const keyNames: string[] = [];
/** Each shape's readers (a struct's field names in order), by shape id, stable the same way. */
const shapeReaders: (() => Record<string, unknown>)[] = [];

/**
 * Makes the objects of one shape. The Node entries use `generatedReader` (an object literal per
 * shape, which V8 makes with its final layout at once: ~3× faster than adding the fields one by
 * one); pages keep `genericReader`, since their Content-Security-Policy may forbid `new Function`.
 */
type ReaderMaker = (names: string[]) => () => Record<string, unknown>;
let makeReader: ReaderMaker = genericReader;

/** Has shapes read through generated object literals (Node entries; never in a page). */
export function useGeneratedReaders(): void {
  makeReader = generatedReader;
  shapeReaders.length = 0; // readers made before are made again the new way
}

function genericReader(names: string[]): () => Record<string, unknown> {
  return () => {
    const object: Record<string, unknown> = {};
    for (const name of names) object[name] = field();
    return object;
  };
}

/** A field's value after its key word, which the shape already gave. */
function field(): unknown {
  at++;
  return read();
}

function generatedReader(names: string[]): () => Record<string, unknown> {
  // Field names are serde's Rust literals; `__proto__` would set the prototype in a literal.
  if (names.includes('__proto__')) return genericReader(names);
  const body = names.map((name) => `${JSON.stringify(name)}: field()`).join(', ');
  return new Function('field', `return () => ({ ${body} });`)(field) as () => Record<string, unknown>;
}
const float = new Float64Array(1);
const floatWords = new Uint32Array(float.buffer);

// The tape being read. Decoding is synchronous and never re-entered, so module state is safe.
let words: Uint32Array = new Uint32Array(0);
let memory: WebAssembly.Memory | undefined; // the instance's one memory, asked for once
let wordsAt = 0;
let wordCount = 0;
let strings = '';
let bytes: Uint8Array = new Uint8Array(0);
let at = 0;

/**
 * The plain value a wasm export returned as a tape. Call it before any other call into the same
 * module: the tape's words stay in wasm memory, where the next call writes its own.
 */
export function fromTape<T>(tape: Tape<T>): T {
  [wordsAt, wordCount, strings, bytes] = tape;
  words = viewWords();
  at = 0;
  try {
    return read() as T;
  } finally {
    words = new Uint32Array(0);
    strings = '';
    bytes = new Uint8Array(0);
    if (deferredSetUp !== undefined && --deferredSetUp.resultsLeft <= 0) {
      const { run } = deferredSetUp;
      deferredSetUp = undefined;
      run();
    }
  }
}

/** Whether a thrown value is a tape (certkit's errors are). */
export function isTape(value: unknown): value is Tape<unknown> {
  return (
    Array.isArray(value) &&
    value.length === 4 &&
    typeof value[0] === 'number' &&
    typeof value[1] === 'number' &&
    typeof value[2] === 'string' &&
    value[3] instanceof Uint8Array
  );
}

function read(): unknown {
  switch (words[at++]) {
    case UNDEFINED:
      return undefined;
    case FALSE:
      return false;
    case TRUE:
      return true;
    case UINT:
      return words[at++];
    case NUMBER:
      floatWords[0] = words[at++]!;
      floatWords[1] = words[at++]!;
      return float[0];
    case STRING:
      return text();
    case BYTES: {
      const start = words[at++]!;
      return bytes.subarray(start, start + words[at++]!);
    }
    case DIGEST: {
      const kind = words[at++]!;
      const start = words[at++]!;
      const data = bytes.subarray(start, start + words[at++]!);
      if (digester === undefined) throw new Error('certkit: a digest arrived with no digester set');
      return digester(kind, data);
    }
    case ARRAY: {
      const count = words[at++]!;
      const array: unknown[] = [];
      for (let i = 0; i < count; i++) array.push(read());
      return array;
    }
    case SHAPED: {
      const shape = words[at++]!;
      return (shapeReaders[shape] ?? shapeReader(shape))();
    }
    case OBJECT: {
      const count = words[at++]!;
      const object: Record<string, unknown> = {};
      for (let i = 0; i < count; i++) {
        const key = words[at++]!;
        object[key === DYNAMIC_KEY ? text() : (keyNames[key] ?? keyName(key))] = read();
      }
      return object;
    }
    default:
      throw new Error(`certkit: unreadable result (word ${words[at - 1]} at ${at - 1})`);
  }
}

/** A field name met for the first time, asked of wasm once and cached. */
function keyName(key: number): string {
  const name = tapeKeyName(key);
  keyNames[key] = name;
  // The call allocates nothing in wasm memory, so the view of the words cannot go stale; if
  // the memory ever grew, its old buffer would be detached and the view empty: view it again.
  if (words.length !== wordCount) words = viewWords();
  return name;
}

/** A shape met for the first time: its field names asked of wasm once, its reader made. */
function shapeReader(shape: number): () => Record<string, unknown> {
  const ids = tapeShapeKeys(shape);
  // The call allocates in wasm memory, which may have grown and detached the words' view.
  if (words.length !== wordCount) words = viewWords();
  const names = Array.from(ids, (key) => keyNames[key] ?? keyName(key));
  const reader = makeReader(names);
  shapeReaders[shape] = reader;
  return reader;
}

function viewWords(): Uint32Array {
  memory ??= tapeMemory();
  return new Uint32Array(memory.buffer, wordsAt * 4, wordCount);
}

function text(): string {
  const start = words[at++]!;
  return strings.substring(start, start + words[at++]!);
}
