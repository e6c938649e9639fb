// Unit test for tests/summarize.mjs: `node --test tests/`.
// The reports are fabricated, shaped after real output of dotnet test (TRX), vitest
// --reporter=json and playwright --reporter=json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTrx } from './summarize.mjs';

const script = join(dirname(fileURLToPath(import.meta.url)), 'summarize.mjs');

function trx({ outcome = 'Completed', total, executed, passed, failed }) {
  return `<?xml version="1.0" encoding="utf-8"?>
<TestRun id="0b7a" name="ci" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
  <Results />
  <ResultSummary outcome="${outcome}">
    <Counters total="${total}" executed="${executed}" passed="${passed}" failed="${failed}" error="0" timeout="0" aborted="0" inconclusive="0" passedButRunAborted="0" notRunnable="0" notExecuted="0" disconnected="0" warning="0" completed="0" inProgress="0" pending="0" />
    <Output><StdOut>[xUnit.net] passed="99" noise that is not a counter</StdOut></Output>
  </ResultSummary>
</TestRun>`;
}

const vitest = (passed, failed, pending = 0, todo = 0) =>
  JSON.stringify({
    numTotalTestSuites: 1, numPassedTestSuites: failed ? 0 : 1, numFailedTestSuites: failed ? 1 : 0,
    numPendingTestSuites: 0, numTotalTests: passed + failed + pending + todo,
    numPassedTests: passed, numFailedTests: failed, numPendingTests: pending, numTodoTests: todo,
    success: failed === 0, testResults: [],
  });

const playwright = (expected, unexpected, flaky = 0, skipped = 0, errors = []) =>
  JSON.stringify({ config: {}, suites: [], errors, stats: { startTime: '2026-01-01T00:00:00Z', duration: 1, expected, skipped, unexpected, flaky } });

function withReports(files, fn) {
  const dir = mkdtempSync(join(tmpdir(), 'summarize-'));
  try {
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), content);
    }
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(dir, args) {
  const r = spawnSync(process.execPath, [script, ...args.map((a) => a.replaceAll('$D', dir))], { encoding: 'utf8' });
  const lines = r.stdout.trimEnd().split('\n');
  return { code: r.status, lines, last: lines.at(-1) };
}

const allThree = ['--trx', '$D/trx', '--vitest', '$D/vitest.json', '--playwright', '$D/pw.json'];

test('all green: sums every suite and the .trx files of several projects', () => {
  withReports({
    'trx/a/run1.trx': trx({ total: 4, executed: 3, passed: 3, failed: 0 }),
    'trx/b/run2.trx': trx({ total: 2, executed: 2, passed: 2, failed: 0 }),
    'vitest.json': vitest(7, 0, 1, 1),
    'pw.json': playwright(3, 0, 1, 0),
  }, (dir) => {
    const r = run(dir, allThree);
    assert.equal(r.code, 0, r.lines.join('\n'));
    assert.ok(r.lines.includes('  dotnet suite: 5 passed, 0 failed, 1 skipped'));
    assert.ok(r.lines.includes('  vitest suite: 7 passed, 0 failed, 2 skipped'));
    assert.ok(r.lines.includes('  playwright suite: 4 passed, 0 failed, 0 skipped'));
    assert.equal(r.last, '16 passed, 0 failed, 3 skipped');
  });
});

test('no skipped: the closing line has no skipped part', () => {
  withReports({
    'trx/r.trx': trx({ total: 1, executed: 1, passed: 1, failed: 0 }),
    'vitest.json': vitest(1, 0),
    'pw.json': playwright(1, 0),
  }, (dir) => {
    const r = run(dir, allThree);
    assert.equal(r.code, 0);
    assert.equal(r.last, '3 passed, 0 failed');
  });
});

test('a failed test fails the run', () => {
  withReports({
    'trx/r.trx': trx({ outcome: 'Failed', total: 3, executed: 3, passed: 2, failed: 1 }),
    'vitest.json': vitest(1, 0),
    'pw.json': playwright(1, 1),
  }, (dir) => {
    const r = run(dir, allThree);
    assert.equal(r.code, 1);
    assert.equal(r.last, '4 passed, 2 failed');
  });
});

test('a missing report fails its suite and names it', () => {
  withReports({
    'trx/r.trx': trx({ total: 1, executed: 1, passed: 1, failed: 0 }),
    'vitest.json': vitest(1, 0),
  }, (dir) => {
    const r = run(dir, allThree);
    assert.equal(r.code, 1);
    assert.ok(r.lines.some((l) => l.includes('playwright') && l.includes('missing')), r.lines.join('\n'));
    assert.equal(r.last, '2 passed, 1 failed');
  });
});

test('an empty TRX directory, an unreadable JSON and Playwright global errors all fail', () => {
  withReports({
    'trx/readme.txt': 'no reports here',
    'vitest.json': '{ not json',
    'pw.json': playwright(0, 0, 0, 0, [{ message: 'webServer exited early' }]),
  }, (dir) => {
    const r = run(dir, allThree);
    assert.equal(r.code, 1);
    assert.ok(r.lines.some((l) => l.includes('no .trx report')));
    assert.ok(r.lines.some((l) => l.includes('vitest') && l.includes('unreadable')));
    assert.ok(r.lines.some((l) => l.includes('webServer exited early')));
    assert.equal(r.last, '0 passed, 3 failed');
  });
});

test('a crashed test host (outcome Failed, no failed test) fails the run', () => {
  withReports({
    'trx/r.trx': trx({ outcome: 'Failed', total: 10, executed: 4, passed: 4, failed: 0 }),
  }, (dir) => {
    const r = run(dir, ['--trx', '$D/trx']);
    assert.equal(r.code, 1);
    assert.equal(r.last, '4 passed, 1 failed, 6 skipped');
  });
});

test('nothing passed counts as a failure even with nothing failed', () => {
  withReports({ 'vitest.json': vitest(0, 0) }, (dir) => {
    const r = run(dir, ['--vitest', '$D/vitest.json']);
    assert.equal(r.code, 1);
    assert.equal(r.last, '0 passed, 0 failed');
  });
});

test('parseTrx reads Counters from ResultSummary, not from output text', () => {
  const r = parseTrx(trx({ total: 4, executed: 3, passed: 2, failed: 1 }));
  assert.deepEqual(r, { total: 4, passed: 2, failed: 1, skipped: 1, outcome: 'Completed' });
});

test('junit: node test runner reports count passes, failures and skips', async () => {
  const { fromJunit } = await import('./summarize.mjs');
  const xml = `<testsuites><testcase name="a"/><testcase name="b"><failure message="x"/></testcase>
    <testcase name="c"><skipped/></testcase><testcase name="d" time="1"></testcase></testsuites>`;
  const r = fromJunit(xml);
  assert.deepEqual([r.passed, r.failed, r.skipped], [2, 1, 1]);
});
