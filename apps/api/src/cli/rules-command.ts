import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  RuleFileError,
  checkRuleFile,
  demoStackRuleGroups,
  formatRuleFile,
  formatUnitTestReport,
  generateSloRuleGroups,
  loadRuleFile,
  readSloSpecFile,
  runRuleUnitTestFile,
  type RuleGroup,
} from '@firedrill/alerting';
import { parseDuration } from '@firedrill/promql';

export const RULES_USAGE = `usage: firedrill rules <command>

commands:
  test FILE...                                  run rule unit tests written in the promtool test rules format
  check FILE...                                 validate rule files, reporting every problem with line and column
  export [FILE...] [--slo SPEC.yml]... [--defaults] [--time-scale N] [--scrape-interval DURATION]
                                                print the rules as one Prometheus rule file
                                                (--slo: generate SLO rules from a spec file;
                                                 --defaults: the demo stack's default rule set;
                                                 --time-scale: divide generated windows and 'for' by N,
                                                 for a Prometheus watching a stack that runs at speed N;
                                                 --scrape-interval: that Prometheus's scrape interval,
                                                 default 15s: no generated window is shorter than 4 of them)
`;

class UsageError extends Error {}

/** `firedrill rules ...`: 0 on success, 1 when tests or checks fail, 2 on a usage error. */
export async function rulesCommand(args: string[], out: NodeJS.WritableStream): Promise<number> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case 'test':
        return await testCommand(requireFiles(rest, 'test'), out);
      case 'check':
        return await checkCommand(requireFiles(rest, 'check'), out);
      case 'export':
        return await exportCommand(rest, out);
      case undefined:
      case 'help':
      case '--help':
        out.write(RULES_USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown rules command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      out.write(`firedrill rules: ${error.message}\n\n${RULES_USAGE}`);
      return 2;
    }
    if (error instanceof RuleFileError) {
      out.write(`${error.message}\n`);
      return 1;
    }
    out.write(`firedrill rules: ${(error as Error).message}\n`);
    return 1;
  }
}

function requireFiles(args: string[], command: string): string[] {
  const option = args.find((arg) => arg.startsWith('-'));
  if (option) throw new UsageError(`rules ${command}: unknown option ${option}`);
  if (args.length === 0) throw new UsageError(`rules ${command} needs at least one FILE`);
  return args;
}

async function testCommand(files: string[], out: NodeJS.WritableStream): Promise<number> {
  const results = [];
  for (const file of files) results.push(await runRuleUnitTestFile(file));
  const { text, summary } = formatUnitTestReport(results);
  out.write(text);
  return summary.failed > 0 ? 1 : 0;
}

/** Like `promtool check rules`: `Checking FILE`, then `SUCCESS: N rules found` or every problem. */
async function checkCommand(files: string[], out: NodeJS.WritableStream): Promise<number> {
  let failed = false;
  for (const file of files) {
    out.write(`Checking ${file}\n`);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      failed = true;
      out.write(`  FAILED:\n${file}: ${(error as Error).message}\n\n`);
      continue;
    }
    const { groups, problems } = checkRuleFile(text);
    if (problems.length === 0) {
      out.write(`  SUCCESS: ${groups.reduce((n, g) => n + g.rules.length, 0)} rules found\n\n`);
      continue;
    }
    failed = true;
    out.write(`  FAILED:\n${problems.map((p) => `${file}:${p.line}:${p.column}: ${p.message}`).join('\n')}\n\n`);
  }
  return failed ? 1 : 0;
}

async function exportCommand(args: string[], out: NodeJS.WritableStream): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        slo: { type: 'string', multiple: true },
        defaults: { type: 'boolean' },
        'time-scale': { type: 'string' },
        'scrape-interval': { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { positionals: files, values } = parsed;
  const sloFiles = values.slo ?? [];
  if (files.length === 0 && sloFiles.length === 0 && !values.defaults) {
    throw new UsageError('rules export needs a rule FILE, --slo SPEC.yml or --defaults');
  }
  const timeScale = values['time-scale'] === undefined ? 1 : Number(values['time-scale']);
  if (!(timeScale > 0) || !Number.isFinite(timeScale)) throw new UsageError(`--time-scale must be a positive number, got "${values['time-scale']}"`);
  let scrapeIntervalMs: number;
  try {
    scrapeIntervalMs = parseDuration(values['scrape-interval'] ?? '15s');
  } catch {
    throw new UsageError(`--scrape-interval must be a duration such as 15s, got "${values['scrape-interval']}"`);
  }
  if (scrapeIntervalMs <= 0) throw new UsageError('--scrape-interval must be longer than 0s');
  const scaling = { timeScale, scrapeIntervalMs, evaluationIntervalMs: scrapeIntervalMs };
  const groups: RuleGroup[] = [];
  for (const file of files) groups.push(...(await loadRuleFile(file)));
  for (const file of sloFiles) groups.push(...generateSloRuleGroups(await readSloSpecFile(file), scaling));
  if (values.defaults) groups.push(...demoStackRuleGroups(scaling));
  const names = new Set<string>();
  for (const group of groups) {
    if (names.has(group.name)) throw new Error(`groupname: "${group.name}" is repeated; the exported file would not load`);
    names.add(group.name);
  }
  out.write(formatRuleFile(groups));
  return 0;
}
