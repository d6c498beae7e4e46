#!/usr/bin/env python3
"""Ctrl+C latency of `clause-cascade analyze`, per stage: the CLI runs on a pseudo-terminal (so it draws its progress
bar), and once the bar names the stage, after a delay, Ctrl+C is typed; measured is the time from that keystroke to
the process's exit, with its exit code and whether a report (or a temporary file) was left behind.

  python3 bench/scale/cancel.py <workbook> [--cli bin/clause-cascade.js] [--stages ingest:10,normalise:5,...] [-- extra analyze flags]

Stages are named by the bar's Dutch messages: ingest 'Bestand inlezen', normalise 'Data voorbereiden', cluster
'Slim clusteren', advise 'Analyseren', report 'Rapport genereren'.
"""
import os, pty, select, signal, sys, tempfile, time

MESSAGES = {'ingest': b'Bestand inlezen', 'normalise': b'Data voorbereiden', 'cluster': b'Slim clusteren', 'advise': b'Analyseren', 'report': b'Rapport genereren'}


def cancel_once(cli, workbook, stage, delay, extra):
    out_dir = tempfile.mkdtemp(prefix='cc-cancel-')
    out = os.path.join(out_dir, 'report.xlsx')
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp('node', ['node', cli, 'analyze', workbook, '--mode', 'fast', '--out', out, '--overwrite', *extra])
    seen, started, pressed, buffer = None, time.monotonic(), None, b''
    while True:
        ready, _, _ = select.select([fd], [], [], 0.01)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                chunk = b''
            if not chunk:
                break
            buffer = (buffer + chunk)[-4096:]
            if seen is None and MESSAGES[stage] in buffer:
                seen = time.monotonic()
        if seen is not None and pressed is None and time.monotonic() - seen >= delay:
            os.write(fd, b'\x03')
            pressed = time.monotonic()
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
    if not done:
        _, status = os.waitpid(pid, 0)
    ended = time.monotonic()
    left = os.listdir(out_dir)
    code = os.waitstatus_to_exitcode(status)
    if pressed is None:
        return f'{stage}: ended (exit {code}) before Ctrl+C, after {ended - started:.1f} s'
    return f'{stage} (+{delay} s, at {pressed - started:.1f} s): exit {code} {1000 * (ended - pressed):.0f} ms after Ctrl+C; left behind: {left or "nothing"}'


def main():
    args = sys.argv[1:]
    extra = args[args.index('--') + 1:] if '--' in args else []
    args = args[:args.index('--')] if '--' in args else args
    workbook = args[0]
    cli = args[args.index('--cli') + 1] if '--cli' in args else 'bin/clause-cascade.js'
    stages = args[args.index('--stages') + 1] if '--stages' in args else 'ingest:10,normalise:5,cluster:5,advise:3,report:5'
    for item in stages.split(','):
        stage, delay = item.split(':')
        print(cancel_once(cli, workbook, stage, float(delay), extra), flush=True)


main()
