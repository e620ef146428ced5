// Test helpers that read model files from the corpus (file loading stays out of the parser).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { dtmiToRepositoryPath } from '../../../src-main/engine/models/dtdl';
import type { DtmiResolver } from '../../../src-main/engine/models/dtdl';

/** Every file under `dir` (recursively) whose name ends with one of `exts`, sorted. */
export function listFiles(dir: string, exts: readonly string[] = ['.json']): string[] {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length > 0) {
    const d = stack.pop() as string;
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) stack.push(p);
      else if (exts.some((e) => name.endsWith(e))) out.push(p);
    }
  }
  return out.sort();
}

/** The text of each file, unchanged (BOMs included). */
export function readTexts(files: readonly string[]): string[] {
  return files.map((f) => readFileSync(f, 'utf8'));
}

/** A resolver that finds DTMIs in a model repository by the path convention (dtmi/com/x/y-1.json). */
export function repositoryResolver(repoRoot: string, onRequest?: (dtmis: readonly string[]) => void): DtmiResolver {
  return (dtmis) => {
    onRequest?.(dtmis);
    const docs: string[] = [];
    for (const d of dtmis) {
      try {
        docs.push(readFileSync(path.join(repoRoot, dtmiToRepositoryPath(d)), 'utf8'));
      } catch {
        // Not in the repository: the parser reports it as unresolved.
      }
    }
    return docs;
  };
}
