import { WRONG_API_KEY } from './plan-steps.js';
import type { PlannedRequest } from './types.js';

/** Headers whose values are secrets. */
const SECRET_HEADER = /^(authorization|proxy-authorization|api-key|x-api-key|cookie)$|key|token|secret/i;

/** The environment variable a repro reads the key from, by header. */
const KEY_VARIABLES: Record<string, string> = {
  authorization: 'OPENAI_API_KEY',
  'api-key': 'AZURE_OPENAI_API_KEY',
};

/**
 * A copy of the headers with secrets replaced: `Authorization: Bearer sk-...redacted`, `api-key: ...redacted`.
 * The scheme stays; the deliberately wrong key of `auth.wrong-key` is no secret and stays too.
 *
 * @example
 * redactHeaders({ authorization: 'Bearer sk-proj-abc' }); // { authorization: 'Bearer sk-...redacted' }
 */
export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      isSecret(name, value) ? redactValue(value) : value,
    ]),
  );
}

/**
 * A shell command that sends the request again with curl, the key read from the environment
 * (`$OPENAI_API_KEY`, `$AZURE_OPENAI_API_KEY`, else `$API_KEY`) so that no secret is printed. Every other
 * value is single-quoted, so the body reaches curl byte for byte, whatever it holds. A multipart form is
 * sent with `--form-string` and `-F`, each file written first from its base64 (`printf ... | base64 -d > file &&`).
 *
 * @example
 * toCurl(request);
 * // curl -sS -X POST 'https://api.openai.com/v1/images/generations' -H "authorization: Bearer $OPENAI_API_KEY" ...
 */
export function toCurl(request: PlannedRequest): string {
  const parts = ['curl', '-sS', '-i', '-X', request.method, quote(request.url)];
  for (const [name, value] of Object.entries(request.headers)) {
    if (isSecret(name, value)) {
      const variable = KEY_VARIABLES[name.toLowerCase()] ?? 'API_KEY';
      const scheme = /^(\S+)\s+\S+$/.exec(value)?.[1];
      const safeName = name.replace(/[^A-Za-z0-9-]/g, '');
      const safeScheme = scheme?.replace(/[^A-Za-z0-9-]/g, '');
      parts.push('-H', `"${safeName}: ${safeScheme ? `${safeScheme} ` : ''}$${variable}"`);
    } else {
      parts.push('-H', quote(`${name}: ${value}`));
    }
  }
  if (request.body !== undefined) parts.push('--data-binary', quote(request.body));
  const files: string[] = [];
  for (const field of request.form ?? []) {
    if ('value' in field) {
      parts.push('--form-string', quote(`${field.name}=${field.value}`));
      continue;
    }
    // The files the suite drew are written first, from their base64, under their own names.
    const file = `imagegen-contract-${field.name}-${files.length + 1}${field.filename.replace(/^[^.]*/, '')}`;
    files.push(
      `printf %s ${quote(Buffer.from(field.bytes).toString('base64'))} | base64 -d > ${quote(file)}`,
    );
    parts.push('-F', quote(`${field.name}=@${file};filename=${field.filename};type=${field.contentType}`));
  }
  return [...files, parts.join(' ')].join(' && ');
}

function isSecret(name: string, value: string): boolean {
  return SECRET_HEADER.test(name) && !value.includes(WRONG_API_KEY);
}

function redactValue(value: string): string {
  const match = /^(\S+\s+)?(\S*)$/.exec(value);
  const scheme = match?.[1] ?? '';
  const key = match ? (match[2] ?? '') : value;
  return `${scheme}${key.startsWith('sk-') ? 'sk-' : ''}...redacted`;
}

/** POSIX single quotes: everything literal, a `'` written as `'\''`. */
function quote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}
