import { describe, expect, it } from 'vitest';
import { captureScript, readTestScript, readTokenScript } from '../../../shared/formats/postman/scripts';

describe('test scripts → captures', () => {
  it('reads the setter forms Postman users write', () => {
    const reading = readTestScript(
      [
        'pm.test("Status code is 200", function () {',
        '    pm.response.to.have.status(200);',
        '});',
        'var jsonData = pm.response.json();',
        'pm.environment.set("APP_ID", jsonData.id);',
        "pm.collectionVariables.set('CONTACT_ID', pm.response.json().contacts[0].id);",
        'pm.globals.set(`TOTAL`, JSON.parse(responseBody)["total_size"]);',
        'postman.setEnvironmentVariable("REQ", pm.response.headers.get("X-Request-Id"));',
        'pm.variables.set("CODE", pm.response.code);',
      ].join('\n'),
    );
    expect(reading.captures).toEqual([
      { variable: 'APP_ID', from: 'body', path: 'id', enabled: true },
      { variable: 'CONTACT_ID', from: 'body', path: 'contacts.0.id', enabled: true },
      { variable: 'TOTAL', from: 'body', path: 'total_size', enabled: true },
      { variable: 'REQ', from: 'header', path: 'X-Request-Id', enabled: true },
      { variable: 'CODE', from: 'status', path: '', enabled: true },
    ]);
    // Everything understood: nothing is kept.
    expect(reading.rest).toBeNull();
  });

  it('keeps a script it does not fully understand, whole', () => {
    const source = 'pm.environment.set("A", pm.response.json().id);\npm.expect(pm.response.json().items).to.have.length(3);';
    expect(readTestScript(source)).toEqual({ captures: [{ variable: 'A', from: 'body', path: 'id', enabled: true }], rest: source, unknownLines: 1 });
  });

  it('reads back what export writes', () => {
    const captures = [
      { variable: 'app_id', from: 'body' as const, path: 'id', enabled: true },
      { variable: 'first', from: 'body' as const, path: 'contacts.0.channel_identities.1.identity', enabled: true },
    ];
    const script = captureScript(captures, 'next.request').join('\n');
    expect(readTestScript(script)).toEqual({ captures, rest: null, unknownLines: 0, next: 'next.request' });
    // '' ends the run: setNextRequest(null).
    expect(readTestScript(captureScript([], '').join('\n'))).toEqual({ captures: [], rest: null, unknownLines: 0, next: null });
  });
});

describe('token-fetching pre-request scripts', () => {
  it('recognises pm.sendRequest to a token endpoint and what it reads', () => {
    const script =
      "pm.sendRequest({ url: pm.environment.get('AUTH_URL'), method: 'POST', header: { Authorization: 'Basic ' + btoa(pm.environment.get('KEY_ID') + ':' + pm.environment.get('KEY_SECRET')) }, body: { mode: 'urlencoded', urlencoded: [{ key: 'grant_type', value: 'client_credentials' }] } }, (e, res) => {\n  pm.environment.set('ACCESS_TOKEN', res.json().access_token);\n});";
    expect(readTokenScript(script)).toEqual({ tokenUrl: '{{AUTH_URL}}', keyId: '{{KEY_ID}}', keySecret: '{{KEY_SECRET}}', tokenVariable: 'ACCESS_TOKEN' });
    expect(readTokenScript("pm.environment.set('ts', Date.now());")).toBeNull();
  });
});
