// A writable stream that keeps what was written, for asserting on CLI output.
import { Writable } from 'node:stream';

export class Capture extends Writable {
  chunks: string[] = [];
  isTTY = false;
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: (err?: Error | null) => void) {
    this.chunks.push(chunk.toString());
    done();
  }
  get text(): string {
    return this.chunks.join('');
  }
  lines(): string[] {
    return this.text.split('\n').filter((l) => l.trim() !== '');
  }
}
