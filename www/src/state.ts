// The key ring the views share: every key made or imported in the Keys view, with a name, and
// the certificates made for it (each with the issuers above it). It lives in this page's memory
// only; nothing is stored or sent, and reloading the page forgets it.
import type { Certificate, KeyPair } from 'certkit';

/** A certificate made for a key of the ring, and the CA certificates above it (issuer first). */
export interface MadeCertificate {
  certificate: Certificate;
  chain: Certificate[];
}

export interface RingKey {
  id: number;
  name: string;
  pair: KeyPair;
  /** Newest first. */
  certificates: MadeCertificate[];
}

type Listener = () => void;

const ring: RingKey[] = [];
const listeners: Listener[] = [];
let selectedId: number | undefined;
let nextId = 1;

function changed(): void {
  for (const listener of listeners) listener();
}

/** Every key, in the order they were added. */
export function ringKeys(): readonly RingKey[] {
  return ring;
}

/** The key the Keys view works on (the last one added, unless another was picked). */
export function selectedKey(): RingKey | undefined {
  return ring.find((k) => k.id === selectedId);
}

export function findKey(id: number): RingKey | undefined {
  return ring.find((k) => k.id === id);
}

/** The next default name: "Key 1", "Key 2", ... never one in use. */
export function nextKeyName(): string {
  let n = ring.length + 1;
  while (ring.some((k) => k.name === `Key ${n}`)) n++;
  return `Key ${n}`;
}

/** Adds a key and selects it. */
export function addKey(pair: KeyPair, name: string): RingKey {
  const entry: RingKey = { id: nextId++, name: name.trim() || nextKeyName(), pair, certificates: [] };
  ring.push(entry);
  selectedId = entry.id;
  changed();
  return entry;
}

export function selectKey(id: number): void {
  if (selectedId === id || !findKey(id)) return;
  selectedId = id;
  changed();
}

export function removeKey(id: number): void {
  const index = ring.findIndex((k) => k.id === id);
  if (index < 0) return;
  ring.splice(index, 1);
  if (selectedId === id) selectedId = ring.at(-1)?.id;
  changed();
}

export function renameKey(id: number, name: string): void {
  const entry = findKey(id);
  if (!entry || !name.trim() || entry.name === name.trim()) return;
  entry.name = name.trim();
  changed();
}

/** Records a certificate made for a key of the ring. */
export function addCertificate(id: number, made: MadeCertificate): void {
  const entry = findKey(id);
  if (!entry) return;
  entry.certificates.unshift(made);
  changed();
}

/** The key of the ring with this key identifier (RFC 5280 method 1, as `KeyPair` has it). */
export function keyWithIdentifier(subjectKeyIdentifier: string): RingKey | undefined {
  return ring.find((k) => k.pair.subjectKeyIdentifier === subjectKeyIdentifier);
}

/** Called after every change of the ring or of the selection. */
export function onRingChange(listener: Listener): void {
  listeners.push(listener);
}
