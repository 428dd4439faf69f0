// What the views share: the key pair made or imported in the Keys view. It lives in this
// page's memory only; nothing is stored or sent, and reloading the page forgets it.
import type { KeyPair } from 'certkit';

type Listener = (pair: KeyPair | undefined) => void;

let current: KeyPair | undefined;
const listeners: Listener[] = [];

export function currentKeyPair(): KeyPair | undefined {
  return current;
}

export function setKeyPair(pair: KeyPair | undefined): void {
  current = pair;
  for (const listener of listeners) listener(pair);
}

export function onKeyPair(listener: Listener): void {
  listeners.push(listener);
}
