import type { ApiProblem } from '../../../shared/model/project';

/**
 * A problem next to the field or step it belongs to: what went wrong in words, and the API's own
 * answer (status, request line, body) one click away.
 */
export function ProblemNote({ problem, testId }: { problem: ApiProblem | undefined; testId?: string }) {
  if (!problem) return null;
  const hasAnswer = problem.status !== undefined || problem.request !== undefined || problem.body !== undefined;
  return (
    <div className="project-problem" role="alert" data-testid={testId}>
      <span>{problem.message}</span>
      {hasAnswer && (
        <details className="api-answer">
          <summary>Show the API&apos;s answer</summary>
          {problem.request && <code className="api-request">{problem.request}</code>}
          <div className="small">{problem.status !== undefined ? `HTTP ${problem.status}` : 'No answer came back.'}</div>
          {problem.body && <pre className="api-body">{problem.body}</pre>}
        </details>
      )}
    </div>
  );
}
