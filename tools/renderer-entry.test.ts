// The window's entry (src/renderer/main.tsx) and the first screen it renders load neither zod nor
// the contract: main checks what it sends, so the window needs no schema to start (forms that use
// one load it with their lazy view). Of packages it loads React only. Type-only imports are
// erased and dynamic imports load later, so both are left out of the walk.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');

function resolveImport(from: string, spec: string): string {
  if (!spec.startsWith('.')) return spec; // a package
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && candidate !== dirname(candidate) && /\.tsx?$/.test(candidate))
      return candidate;
  }
  throw new Error(`cannot resolve ${spec} from ${from}`);
}

/** Every module (file or package) the file loads when it is evaluated, with the path to it. */
function staticGraph(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>([[entry, [entry]]]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift()!;
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
    for (const node of source.statements) {
      let spec: string | null = null;
      if (ts.isImportDeclaration(node)) {
        const clause = node.importClause;
        const typeOnly =
          clause !== undefined &&
          (clause.isTypeOnly ||
            (clause.name === undefined &&
              clause.namedBindings !== undefined &&
              ts.isNamedImports(clause.namedBindings) &&
              clause.namedBindings.elements.length > 0 &&
              clause.namedBindings.elements.every((e) => e.isTypeOnly)));
        if (!typeOnly) spec = (node.moduleSpecifier as ts.StringLiteral).text;
      } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && !node.isTypeOnly) {
        spec = (node.moduleSpecifier as ts.StringLiteral).text;
      }
      if (spec === null) continue;
      const target = resolveImport(file, spec);
      if (seen.has(target)) continue;
      seen.set(target, [...seen.get(file)!, target]);
      if (target.startsWith('/')) queue.push(target);
    }
  }
  return seen;
}

describe("the window's entry", () => {
  const graph = staticGraph(join(root, 'src/renderer/main.tsx'));
  const show = (m: string) =>
    graph
      .get(m)!
      .map((f) => relative(root, f))
      .join(' -> ');

  it('loads no package but React (no zod)', () => {
    const packages = [...graph.keys()].filter((m) => !m.startsWith('/'));
    expect(packages.filter((p) => !/^react(-dom)?(\/|$)/.test(p)).map(show)).toEqual([]);
    expect(packages).toContain('react-dom/client');
  });

  it('does not evaluate the contract or its schemas', () => {
    const heavy = [...graph.keys()].filter((m) =>
      /shared\/(ipc-contract|ipc-views|schemas)\.ts$/.test(m),
    );
    expect(heavy.map(show)).toEqual([]);
  });

  it('is walked for real: it reaches the boot and the web transport', () => {
    const files = [...graph.keys()].map((m) => relative(root, m));
    expect(files).toContain('src/renderer/lib/boot.ts');
    expect(files).toContain('src/renderer/lib/boot-answers.ts');
    expect(files).toContain('src/renderer/root.tsx');
    expect(files).toContain('src/renderer/components/AccountsView.tsx');
    expect(files).toContain('src/renderer/web-transport.ts');
    // The api over the web host is made at once: the decoding api, no schema (see main.tsx).
    expect(files).toContain('src/renderer/web-bridge.ts');
    expect(files).toContain('src/shared/ipc-renderer.ts');
  });
});
