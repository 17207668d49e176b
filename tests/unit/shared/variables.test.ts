import { describe, expect, test } from 'vitest';
import { newEnvironment, type Environment } from '../../../shared/model/environment';
import { emptyRequest } from '../../../shared/model/httpRequest';
import {
  buildScope,
  describeEmpty,
  describeUnresolved,
  emptyInPath,
  findVariables,
  resolveRequest,
  resolveText,
  variableState,
} from '../../../shared/variables';

function env(patch: Partial<Environment> = {}): Environment {
  return { ...newEnvironment('e1', 'Test', 'eu'), projectId: 'proj-1', appId: 'app-1', ...patch };
}

describe('variable resolution', () => {
  test('region, project and app fields become variables with the right regional host', () => {
    const scope = buildScope(env());
    expect(resolveText('{{base_url}}/v1/projects/{{project_id}}/apps/{{app_id}}', scope).text).toBe(
      'https://eu.conversation.api.sinch.com/v1/projects/proj-1/apps/app-1',
    );
    expect(resolveText('{{template_base_url}}/v2', scope).text).toBe('https://eu.template.api.sinch.com/v2');
  });

  test('a custom region uses its base URL without a trailing slash, and the template URL defaults to it', () => {
    const scope = buildScope(env({ region: 'custom', customBaseUrl: 'http://127.0.0.1:9000/' }));
    expect(resolveText('{{base_url}}/x|{{template_base_url}}', scope).text).toBe('http://127.0.0.1:9000/x|http://127.0.0.1:9000');
  });

  test('user variables resolve, including variables inside variables, and spaces inside braces', () => {
    const scope = buildScope(
      env({
        variables: [
          { key: 'host', value: 'http://h:{{port}}', enabled: true },
          { key: 'port', value: '81', enabled: true },
        ],
      }),
    );
    expect(resolveText('{{ host }}/a', scope)).toEqual({ text: 'http://h:81/a', unresolved: [] });
  });

  test('unresolved names are reported once each, in order, and left in place', () => {
    const result = resolveText('{{a}}/{{project_id}}/{{b}}/{{a}}', buildScope(env()));
    expect(result.unresolved).toEqual(['a', 'b']);
    expect(result.text).toBe('{{a}}/proj-1/{{b}}/{{a}}');
  });

  test('disabled variables and empty fields do not resolve', () => {
    const scope = buildScope(env({ appId: '', variables: [{ key: 'off', value: 'x', enabled: false }] }));
    expect(resolveText('{{off}} {{app_id}}', scope).unresolved).toEqual(['off', 'app_id']);
  });

  test('a cycle is reported as unresolved instead of looping', () => {
    const scope = buildScope(
      env({
        variables: [
          { key: 'a', value: '{{b}}', enabled: true },
          { key: 'b', value: '{{a}}', enabled: true },
        ],
      }),
    );
    expect(resolveText('{{a}}', scope).unresolved.length).toBeGreaterThan(0);
  });

  test('a request resolves in URL, enabled headers and body; GET bodies are not sent', () => {
    const scope = buildScope(env({ variables: [{ key: 'token', value: 't0k', enabled: true }] }));
    const draft = {
      ...emptyRequest(),
      method: 'POST' as const,
      url: '{{base_url}}/v1/projects/{{project_id}}/messages:send?x={{token}}',
      headers: [
        { key: 'X-Token', value: '{{token}}', enabled: true },
        { key: 'X-Off', value: '{{nope}}', enabled: false },
      ],
      body: { mode: 'json' as const, text: '{"app_id":"{{app_id}}","c":"{{missing}}"}' },
    };
    const resolved = resolveRequest(draft, scope);
    expect(resolved.url).toBe('https://eu.conversation.api.sinch.com/v1/projects/proj-1/messages:send?x=t0k');
    expect(resolved.headers).toEqual([{ name: 'X-Token', value: 't0k' }]);
    expect(resolved.body).toBe('{"app_id":"app-1","c":"{{missing}}"}');
    expect(resolved.unresolved).toEqual(['missing']);
    expect(resolveRequest({ ...draft, method: 'GET' }, scope).body).toBeNull();
  });

  test('tokens carry their positions for highlighting', () => {
    expect(findVariables('a{{x}}b{{ y }}')).toEqual([
      { name: 'x', start: 1, end: 6 },
      { name: 'y', start: 7, end: 14 },
    ]);
  });

  test('the blocking message names every missing variable', () => {
    expect(describeUnresolved(['app_id'])).toContain('{{app_id}}');
    expect(describeUnresolved(['a', 'b'])).toMatch(/\{\{a\}\}, \{\{b\}\} are not defined/);
  });
});

describe('scopes', () => {
  test('global < collection < environment < request, each overriding the one before', () => {
    const scope = buildScope(env({ variables: [{ key: 'v', value: 'environment', enabled: true }] }), null, {
      globals: [
        { key: 'v', value: 'global', enabled: true },
        { key: 'only_global', value: 'g', enabled: true },
      ],
      collection: [
        { key: 'v', value: 'collection', enabled: true },
        { key: 'c', value: 'collection', enabled: true },
      ],
      request: [{ key: 'r', value: 'request', enabled: true }],
    });
    expect(scope.get('v')).toEqual({ value: 'environment', source: 'environment' });
    expect(scope.get('c')).toEqual({ value: 'collection', source: 'collection' });
    expect(scope.get('only_global')?.source).toBe('global');
    const withRequest = buildScope(env(), null, { request: [{ key: 'project_id', value: 'override', enabled: true }] });
    expect(withRequest.get('project_id')).toEqual({ value: 'override', source: 'request' });
  });
});

describe('dynamic variables', () => {
  test('$isoTimestamp, $timestamp, $randomUUID and $randomInt are made fresh, unless a scope defines the name', () => {
    const before = Date.now();
    const text = resolveText('{{$isoTimestamp}}|{{$timestamp}}|{{$randomUUID}}|{{$randomInt}}', new Map()).text.split('|');
    expect(Date.parse(text[0] ?? '')).toBeGreaterThanOrEqual(before - 1000);
    expect(Number(text[1])).toBeGreaterThanOrEqual(Math.floor(before / 1000) - 1);
    expect(text[2]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number(text[3])).toBeLessThanOrEqual(1000);
    expect(resolveText('{{$randomInt}}', new Map([['$randomInt', { value: '7', source: 'request' as const }]])).text).toBe('7');
  });

  test('variables that use other variables many times over stop at the limit instead of multiplying (issue 19)', () => {
    // 20 uses a level, five levels: 3.2 million copies of "lol" (eight levels ran the backend out of memory).
    const variables = [{ key: 'l0', value: 'lol', enabled: true }];
    for (let i = 1; i <= 5; i++) variables.push({ key: `l${i}`, value: `{{l${i - 1}}}`.repeat(20), enabled: true });
    const scope = buildScope(env({ variables }));
    const result = resolveText('x{{l5}}y', scope);
    expect(result.tooLarge).toMatch(/more than 50,000 variables/);
    expect(result.text.length).toBeLessThan(1_000_000);
    const request = resolveRequest({ ...emptyRequest(), method: 'POST', url: 'http://h/{{l1}}', body: { mode: 'text', text: '{{l5}}' } }, scope);
    expect(request.tooLarge).toMatch(/more than 50,000 variables/);
    // Within the limits nothing changes.
    expect(resolveText('{{l1}}', scope)).toEqual({ text: 'lol'.repeat(20), unresolved: [] });
  });

  test('a value used so often that the text would pass 32 MB is refused, naming the variable', () => {
    const scope = buildScope(env({ variables: [{ key: 'mega', value: 'm'.repeat(1_000_000), enabled: true }] }));
    const result = resolveText('{{mega}}'.repeat(40), scope);
    expect(result.tooLarge).toBe('{{mega}} makes it longer than 32 MB');
    expect(resolveText('{{mega}}'.repeat(3), scope).tooLarge).toBeUndefined();
  });
});

// Issue 19: an imported collection's own empty {{PROJECT_ID}} was shown green and sent as /projects//.
describe('an empty variable is never shown as defined', () => {
  const env = {
    ...newEnvironment('e1', 'EU', 'eu'),
    projectId: 'p1',
    variables: [
      { key: 'blank', value: '  ', enabled: true },
      { key: 'pin', value: '', enabled: true, secret: true },
    ],
  };
  const scope = buildScope(env, null, {
    collection: [
      { key: 'PROJECT_ID', value: '', enabled: true },
      { key: 'APP_ID', value: '{{app_id}}', enabled: true },
      { key: 'P', value: '{{project_id}}', enabled: true },
    ],
  });

  test('tells defined, empty and missing apart, following references (a padlocked value, which the page never sees, counts as defined)', () => {
    expect(['PROJECT_ID', 'blank', 'APP_ID', 'P', 'pin', 'nope', '$timestamp', 'project_id'].map((n) => variableState(scope, n))).toEqual([
      'empty',
      'empty',
      'missing',
      'defined',
      'defined',
      'missing',
      'defined',
      'defined',
    ]);
  });

  test('warns about an empty variable in the URL path only, naming where it is defined', () => {
    expect(emptyInPath('{{base_url}}/v1/projects/{{PROJECT_ID}}/apps?filter={{blank}}', scope)).toEqual(['PROJECT_ID']);
    expect(describeEmpty(['PROJECT_ID'], scope)).toBe(
      "Variable {{PROJECT_ID}} (in the collection's variables) is empty, so the URL path would have a gap (such as /projects//apps) and the server would answer 404. Give it a value (or bind it to the environment), or send anyway.",
    );
  });
});
