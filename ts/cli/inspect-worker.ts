/**
 * A worker thread of `certkit inspect`: reads and inspects the files it is sent.
 * @module
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { type FileResult, inspectFile } from './inspect-format.js';

const { json } = workerData as { json: boolean };
parentPort?.on('message', ({ index, file }: { index: number; file: string }) => {
  let result: FileResult;
  try {
    result = inspectFile(file, new Uint8Array(readFileSync(file)), json);
  } catch (error) {
    result = { out: '', err: `certkit: ${file}: ${(error as Error).message}\n`, failed: true, certificates: 0 };
  }
  parentPort?.postMessage({ index, ...result });
});
