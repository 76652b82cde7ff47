#!/usr/bin/env node
/**
 * Sums the unit (Vitest) and e2e (Playwright) JSON reports and prints one closing line,
 * "N passed, N failed". Usage: node scripts/count-results.mjs [exit code of the test command]
 * When the test command failed, each missing report counts as one failure, and the total
 * failed is at least 1.
 */
import { existsSync, readFileSync } from 'node:fs';

const testExit = Number(process.argv[2] ?? 0);
let passed = 0;
let failed = 0;

function read(path) {
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    console.error(`count-results: cannot parse ${path}: ${err.message}`);
    return null;
  }
}

const unit = read('test-results/unit.json');
if (unit) {
  passed += unit.numPassedTests ?? 0;
  failed += unit.numFailedTests ?? 0;
} else if (testExit !== 0) {
  console.error('count-results: no test-results/unit.json (unit tests did not report)');
  failed += 1;
}

const e2e = read('test-results/e2e.json');
if (e2e) {
  const stats = e2e.stats ?? {};
  passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  failed += stats.unexpected ?? 0;
} else if (testExit !== 0) {
  console.error('count-results: no test-results/e2e.json (e2e tests did not report)');
  failed += 1;
}

if (testExit !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
