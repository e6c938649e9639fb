#!/usr/bin/env node
// Sums the test reports of one `make test` run into a single closing line.
//
//   node tests/summarize.mjs --trx DIR --vitest FILE --playwright FILE
//
// Prints one line per suite given, then, as the very last line, "N passed, N failed"
// (", N skipped" when any were skipped): the line CI reads. Exits 1 when a test failed, when a
// report that was asked for is missing or unreadable (a suite that did not run must not look
// green), or when nothing passed at all.
import { readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

// A problem with a report (missing, unreadable, run aborted) counts as one failure, so the
// closing line never reads "0 failed" on a run that exits 1.
function problem(name, message) {
  return { name, passed: 0, failed: 1, skipped: 0, notes: [message] };
}

function findTrx(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTrx(path));
    else if (entry.name.endsWith('.trx')) found.push(path);
  }
  return found.sort();
}

function attributes(tag) {
  const result = {};
  for (const [, key, value] of tag.matchAll(/([\w:]+)\s*=\s*"([^"]*)"/g)) result[key] = value;
  return result;
}

// TRX is XML, but only two elements are needed; a regex keeps this script dependency-free.
export function parseTrx(xml) {
  const summary = /<ResultSummary\b([^>]*)>([\s\S]*?)<\/ResultSummary>/.exec(xml);
  if (!summary) throw new Error('no <ResultSummary>');
  const countersTag = /<Counters\b([^>]*)\/?>/.exec(summary[2]);
  if (!countersTag) throw new Error('no <Counters> in <ResultSummary>');
  const c = attributes(countersTag[1]);
  const n = (key) => Number.parseInt(c[key] ?? '0', 10) || 0;
  const total = n('total');
  const passed = n('passed');
  // error/timeout/aborted are failures that vstest does not add to `failed`.
  const failed = n('failed') + n('error') + n('timeout') + n('aborted');
  const skipped = Math.max(0, total - passed - failed);
  const outcome = attributes(summary[1]).outcome ?? '';
  return { total, passed, failed, skipped, outcome };
}

function summarizeTrx(dir) {
  const name = 'dotnet';
  let files;
  try {
    if (!statSync(dir).isDirectory()) return problem(name, `${dir} is not a directory`);
    files = findTrx(dir);
  } catch (err) {
    return problem(name, `cannot read ${dir}: ${err.message}`);
  }
  if (files.length === 0) return problem(name, `no .trx report under ${dir}`);

  const suite = { name, passed: 0, failed: 0, skipped: 0, notes: [] };
  for (const file of files) {
    let r;
    try {
      r = parseTrx(readFileSync(file, 'utf8'));
    } catch (err) {
      suite.failed += 1;
      suite.notes.push(`unreadable report ${file}: ${err.message}`);
      continue;
    }
    suite.passed += r.passed;
    suite.failed += r.failed;
    suite.skipped += r.skipped;
    // A crashed test host leaves outcome="Failed" (or Error/Aborted) with no failed test.
    if (r.failed === 0 && /^(failed|error|aborted|timeout)$/i.test(r.outcome)) {
      suite.failed += 1;
      suite.notes.push(`${file}: run outcome ${r.outcome} without a failed test (test host crash?)`);
    }
  }
  return suite;
}

function readJson(name, file) {
  try {
    return { json: JSON.parse(readFileSync(file, 'utf8')) };
  } catch (err) {
    const why = err.code === 'ENOENT' ? 'missing' : 'unreadable';
    return { error: problem(name, `report ${why}: ${file} (${err.message})`) };
  }
}

export function fromVitest(json) {
  const num = (v) => (Number.isFinite(v) ? v : 0);
  const suite = {
    name: 'vitest',
    passed: num(json.numPassedTests),
    failed: num(json.numFailedTests),
    skipped: num(json.numPendingTests) + num(json.numTodoTests),
    notes: [],
  };
  // A test file that fails to import fails its suite without failing any test.
  if (suite.failed === 0 && (num(json.numFailedTestSuites) > 0 || json.success === false)) {
    suite.failed = Math.max(1, num(json.numFailedTestSuites));
    suite.notes.push('a test file failed outside any test (import or setup error)');
  }
  return suite;
}

export function fromPlaywright(json) {
  const stats = json.stats ?? {};
  const num = (v) => (Number.isFinite(v) ? v : 0);
  const flaky = num(stats.flaky);
  const suite = {
    name: 'playwright',
    // Flaky tests passed on a retry; they count as passed but are reported.
    passed: num(stats.expected) + flaky,
    failed: num(stats.unexpected),
    skipped: num(stats.skipped),
    notes: [],
  };
  if (flaky > 0) suite.notes.push(`${flaky} flaky (passed on retry)`);
  // Global errors (web server did not start, config error) fail the run without a failed test.
  const errors = Array.isArray(json.errors) ? json.errors.length : 0;
  if (suite.failed === 0 && errors > 0) {
    suite.failed = errors;
    suite.notes.push(`${errors} error(s) outside tests: ${json.errors[0]?.message ?? ''}`.trim());
  }
  return suite;
}

function summarizeJson(name, file, convert) {
  const { json, error } = readJson(name, file);
  if (error) return error;
  try {
    return convert(json);
  } catch (err) {
    return problem(name, `unexpected report shape in ${file}: ${err.message}`);
  }
}

export function formatCounts({ passed, failed, skipped }, alwaysSkipped) {
  const base = `${passed} passed, ${failed} failed`;
  return alwaysSkipped || skipped > 0 ? `${base}, ${skipped} skipped` : base;
}

/** Node's test runner with `--test-reporter=junit`: one <testcase> per test, <failure>/<skipped> inside. */
export function fromJunit(xml, name = 'node') {
  const cases = xml.match(/<testcase\b[\s\S]*?(?:\/>|<\/testcase>)/g) ?? [];
  const failed = cases.filter((c) => /<failure\b/.test(c)).length;
  const skipped = cases.filter((c) => /<skipped\b/.test(c)).length;
  return { name, passed: cases.length - failed - skipped, failed, skipped, notes: [] };
}

function summarizeJunit(file) {
  const name = basename(file).replace(/\.xml$/, '');
  try {
    return fromJunit(readFileSync(file, 'utf8'), name);
  } catch (err) {
    return problem(name, `cannot read ${file}: ${err.message}`);
  }
}

function main() {
  const { values } = parseArgs({
    options: {
      trx: { type: 'string' },
      vitest: { type: 'string' },
      playwright: { type: 'string' },
      junit: { type: 'string', multiple: true },
    },
  });
  const suites = [];
  if (values.trx !== undefined) suites.push(summarizeTrx(values.trx));
  if (values.vitest !== undefined) suites.push(summarizeJson('vitest', values.vitest, fromVitest));
  if (values.playwright !== undefined) suites.push(summarizeJson('playwright', values.playwright, fromPlaywright));
  for (const file of values.junit ?? []) suites.push(summarizeJunit(file));
  if (suites.length === 0) {
    console.error('usage: node tests/summarize.mjs --trx DIR --vitest FILE --playwright FILE --junit FILE');
    process.exit(2);
  }

  const total = { passed: 0, failed: 0, skipped: 0 };
  for (const s of suites) {
    console.log(`  ${s.name} suite: ${formatCounts(s, true)}`);
    for (const note of s.notes) console.log(`  ${s.name} note: ${note}`);
    total.passed += s.passed;
    total.failed += s.failed;
    total.skipped += s.skipped;
  }
  if (total.passed === 0) console.log('no test passed: treating the run as failed');
  console.log(formatCounts(total, false));
  process.exitCode = total.failed > 0 || total.passed === 0 ? 1 : 0;
}

// Run as a CLI, but importable by the unit test without side effects.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) main();
