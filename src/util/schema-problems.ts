import type { ValueError } from '@sinclair/typebox/errors';

/**
 * TypeBox's validation errors as lines that name their field, the way Catnap reports bad input
 * everywhere: `network.httpServers.0.port: Expected integer`, `colour: unknown key`. `root` names
 * the value itself when the problem is with all of it. Repeated lines are dropped.
 */
export function describeProblems(errors: Iterable<ValueError>, root: string, limit = 20): string[] {
  const problems = new Set<string>();
  for (const error of errors) {
    if (problems.size >= limit) break;
    const path = error.path.replace(/^\//, '').replaceAll('/', '.') || root;
    problems.add(error.message.startsWith('Unexpected property') ? `${path}: unknown key` : `${path}: ${error.message}`);
  }
  return [...problems];
}
