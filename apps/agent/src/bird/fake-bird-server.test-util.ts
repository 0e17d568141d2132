import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FIXTURES = join(
  __dirname,
  '../../../../libs/netparse/src/lib/bird/__fixtures__',
);

/** A real capture from a BIRD daemon (see the README in that folder). */
export const birdCapture = (
  version: 'bird-1.6' | 'bird-2.0',
  name: string,
): Buffer => readFileSync(join(FIXTURES, version, name));

/** What the fake answers to one command line: bytes to send (possibly in pieces), or 'hang' / 'close'. */
export type FakeAnswer =
  | Buffer
  | string
  | Array<Buffer | string>
  | 'hang'
  | 'close';

/**
 * A unix-socket server that speaks like BIRD from recorded replies, for testing the client's connection handling
 * (partial writes, hangs, drops) without root. Replies come from real captures; only the transport is staged.
 */
export class FakeBirdServer {
  readonly dir = mkdtempSync(join(tmpdir(), 'bd-fake-'));
  readonly socketPath = join(this.dir, 'bird.ctl');
  readonly commands: string[] = [];
  connections = 0;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly answer: (command: string) => FakeAnswer,
    private readonly greeting: Buffer | string = birdCapture(
      'bird-1.6',
      'greeting.txt',
    ),
  ) {
    this.server = createServer((socket) => this.onConnection(socket));
  }

  listen(): Promise<this> {
    return new Promise((resolve) =>
      this.server.listen(this.socketPath, () => resolve(this)),
    );
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    rmSync(this.dir, { recursive: true, force: true });
  }

  private onConnection(socket: Socket): void {
    this.connections++;
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.write(this.greeting);
    let pending = '';
    socket.on('data', (chunk) => {
      pending += chunk.toString('utf8');
      for (
        let nl = pending.indexOf('\n');
        nl >= 0;
        nl = pending.indexOf('\n')
      ) {
        const command = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        this.commands.push(command);
        const answer = this.answer(command);
        if (answer === 'close') socket.destroy();
        else if (answer !== 'hang')
          for (const piece of Array.isArray(answer) ? answer : [answer])
            socket.write(piece);
      }
    });
  }
}
