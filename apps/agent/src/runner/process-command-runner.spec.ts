import { ProcessCommandRunner } from './process-command-runner';
import { CommandFailedError, NodeExec } from './node-exec';
import { ScriptedCommandRunner } from '../testing/scripted-command-runner';

describe('ProcessCommandRunner', () => {
  const runner = new ProcessCommandRunner(5000);

  it('should pass arguments verbatim without a shell when they contain shell syntax', async () => {
    const r = await runner.run(['echo', '$(id) ; `uname` | x']);

    expect(r).toEqual({ stdout: '$(id) ; `uname` | x\n', stderr: '', exitCode: 0, timedOut: false });
  });

  it('should return the exit code and stderr when the command fails', async () => {
    const r = await runner.run(['ls', '/definitely/not/here']);

    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toContain('/definitely/not/here');
  });

  it('should kill the command and say so when it runs past its timeout', async () => {
    const r = await runner.run(['sleep', '30'], { timeoutMs: 100 });

    expect(r).toMatchObject({ exitCode: null, timedOut: true });
    expect(r.stderr).toContain('timed out after 100 ms');
  });

  it('should explain a missing program when it cannot start', async () => {
    const r = await runner.run(['meshlens-no-such-program']);

    expect(r.exitCode).toBeNull();
    expect(r.stderr).toContain('ENOENT');
  });
});

describe('NodeExec', () => {
  it('should aim ip and bridge at the namespace with -n when a namespace is set', async () => {
    const scripted = new ScriptedCommandRunner().command('ip -n ag-n1 -j addr show', '[]').command('bridge -n ag-n1 -j fdb show', '[]');
    const exec = new NodeExec(scripted, 'ag-n1', 1000);
    await exec.ip(['-j', 'addr', 'show']);
    await exec.bridge(['-j', 'fdb', 'show']);

    expect(scripted.calls).toEqual([
      ['ip', '-n', 'ag-n1', '-j', 'addr', 'show'],
      ['bridge', '-n', 'ag-n1', '-j', 'fdb', 'show'],
    ]);
  });

  it('should throw a CommandFailedError carrying stderr when the command exits non-zero', async () => {
    const scripted = new ScriptedCommandRunner().command('ip -j addr show', {
      stdout: '',
      stderr: 'Cannot open network namespace "x": No such file or directory',
      exitCode: 255,
      timedOut: false,
    });

    await expect(new NodeExec(scripted, undefined, 1000).ip(['-j', 'addr', 'show'])).rejects.toThrow(CommandFailedError);
    await expect(new NodeExec(scripted, undefined, 1000).ip(['-j', 'addr', 'show'])).rejects.toThrow(/exit 255.*No such file/);
  });
});
