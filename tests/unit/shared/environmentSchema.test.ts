import { describe, expect, test } from 'vitest';
import { EnvironmentSchema, newEnvironment } from '../../../shared/model/environment';

const messages = (value: unknown): string[] => {
  const result = EnvironmentSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('environment validation says exactly what is wrong', () => {
  test('a fresh environment is valid', () => {
    expect(messages(newEnvironment('id', 'Dev'))).toEqual([]);
  });
  test('a custom region needs an http(s) base URL', () => {
    expect(messages({ ...newEnvironment('id', 'Dev', 'custom'), customBaseUrl: 'ftp://x' })).toEqual([
      'customBaseUrl: Base URL must start with http:// or https:// (got "ftp://x")',
    ]);
  });
  test('reserved, duplicate and malformed variable names are refused by row', () => {
    const env = {
      ...newEnvironment('id', 'Dev'),
      variables: [
        { key: 'project_id', value: 'x', enabled: true },
        { key: 'a', value: '1', enabled: true },
        { key: 'a', value: '2', enabled: true },
        { key: '1bad name', value: '', enabled: true },
      ],
    };
    expect(messages(env)).toEqual([
      `variables.0.key: "project_id" is set by the environment's own fields; pick another name`,
      'variables.2.key: Variable "a" is defined twice',
      'variables.3.key: Variable name "1bad name" may only use letters, digits, "_", "." and "-", and must not start with a digit',
    ]);
  });
  test('an empty name is refused', () => {
    expect(messages({ ...newEnvironment('id', '  ') })).toEqual(['name: An environment needs a name']);
  });
});
