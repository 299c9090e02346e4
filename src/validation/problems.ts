import type * as z from 'zod';

/** Something wrong with a scenario, named by file and field so a trainer can find and fix it. */
export interface Problem {
  file: string;
  field: string;
  message: string;
}

export function formatProblem(problem: Problem): string {
  return `${problem.file}: ${problem.field}: ${problem.message}`;
}

export function fieldPath(path: readonly PropertyKey[]): string {
  return (
    path
      .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
      .join('') || '(file)'
  );
}

export function schemaProblems(file: string, error: z.ZodError): Problem[] {
  return error.issues.map((issue) => ({ file, field: fieldPath(issue.path), message: issue.message }));
}
