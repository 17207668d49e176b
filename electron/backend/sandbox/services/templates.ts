import type { TemplateV1, TemplateV2 } from '../../../../shared/conversation/resources';
import { nowIso, type SandboxContext } from '../context';
import { TEMPLATE_V1_CHANNELS } from '../enums';
import { ApiError } from '../errors';
import { applyPatch, readUpdateMask } from '../fieldMask';
import type { Router } from '../http/router';
import { ulid } from '../../conversation/ulid';
import { Fields } from '../validate';
import { checkChannelKeys, validateContent } from './appMessage';

const V2_BODIES = [
  'text_message',
  'card_message',
  'carousel_message',
  'choice_message',
  'list_message',
  'location_message',
  'media_message',
  'template_message',
  'contact_info_message',
] as const;
const TEMPLATE_ID = /^[A-Za-z0-9_.-]{1,100}$/;

function validateV2(f: Fields, id: string, version: number, previous?: TemplateV2): TemplateV2 {
  const now = nowIso();
  const translations = (f.objects('translations', { required: true, min: 1 }) ?? []).map((t) => {
    const languageCode = t.str('language_code', { required: true }) ?? '';
    const body = t.exactlyOne(V2_BODIES, 'translation body');
    validateContent(t, body);
    t.objects('variables')?.forEach((v) => v.str('key', { required: true }));
    const overrides = t.obj_('channel_template_overrides');
    if (overrides) checkChannelKeys(overrides, ['WHATSAPP', 'KAKAOTALK']);
    const before = previous?.translations.find((p) => p['language_code'] === languageCode);
    return {
      ...t.obj,
      language_code: languageCode,
      version: t.str('version') ?? String(version),
      variables: t.obj['variables'] ?? [],
      create_time: typeof before?.['create_time'] === 'string' ? before['create_time'] : now,
      update_time: now,
    };
  });
  const codes = translations.map((t) => t['language_code']);
  const defaultTranslation = f.str('default_translation') ?? codes[0] ?? '';
  if (!codes.includes(defaultTranslation)) {
    f.fail('default_translation', `'${defaultTranslation}' is not the language_code of any translation (${codes.join(', ')})`);
  }
  return {
    id,
    description: f.str('description') ?? '',
    version,
    default_translation: defaultTranslation,
    translations,
    create_time: typeof previous?.['create_time'] === 'string' ? previous['create_time'] : now,
    update_time: now,
  };
}

function validateV1(f: Fields, id: string, previous?: TemplateV1): TemplateV1 {
  const now = nowIso();
  const translations = (f.objects('translations', { required: true, min: 1 }) ?? []).map((t) => {
    const languageCode = t.str('language_code', { required: true }) ?? '';
    t.str('content', { required: true });
    const created = t.obj['create_time'];
    return {
      ...t.obj,
      language_code: languageCode,
      version: t.str('version') ?? '1',
      create_time: typeof created === 'string' ? created : now,
      update_time: now,
    };
  });
  return {
    id,
    description: f.str('description') ?? '',
    channel: f.enumOf('channel', TEMPLATE_V1_CHANNELS) ?? 'UNSPECIFIED',
    default_translation: f.str('default_translation') ?? translations[0]?.language_code ?? '',
    translations,
    create_time: typeof previous?.['create_time'] === 'string' ? previous['create_time'] : now,
    update_time: now,
  };
}

function readId(f: Fields): string {
  const id = f.str('id');
  if (id === undefined || id === '') return ulid();
  if (!TEMPLATE_ID.test(id)) f.fail('id', 'may contain only letters, digits, "_", "-" and "." (at most 100)');
  return id;
}

/** Served on the template host only; the conversation host answers these paths with 404, as in production. */
export function registerTemplates(router: Router, ctx: SandboxContext): void {
  const v2 = '/v2/projects/{project_id}/templates';
  const requireV2 = (id: string): TemplateV2 => {
    const t = ctx.store().templatesV2.get(id);
    if (!t) throw ApiError.notFound(`Template '${id}' not found in project ${ctx.projectId}`);
    return t;
  };

  router.on('POST', v2, (req) => {
    const f = Fields.body(req.body);
    const id = readId(f);
    if (ctx.store().templatesV2.has(id)) throw new ApiError(409, 'ALREADY_EXISTS', `Template '${id}' already exists`);
    const template = validateV2(f, id, 1);
    ctx.store().templatesV2.set(id, template);
    return template;
  });
  router.on('GET', v2, () => ({ templates: [...ctx.store().templatesV2.values()] }));
  router.on('GET', `${v2}/{template_id}`, (req) => requireV2(req.params['template_id'] ?? ''));
  router.on('PUT', `${v2}/{template_id}`, (req) => {
    const current = requireV2(req.params['template_id'] ?? '');
    const f = Fields.body(req.body);
    const version = f.int('version', { required: true });
    if (version !== current.version) {
      throw ApiError.failedPrecondition(`version: ${version} is not the latest version of template '${current.id}' (${current.version})`);
    }
    const template = validateV2(f, current.id, current.version + 1, current);
    ctx.store().templatesV2.set(current.id, template);
    return template;
  });
  router.on('DELETE', `${v2}/{template_id}`, (req) => {
    ctx.store().templatesV2.delete(requireV2(req.params['template_id'] ?? '').id);
    return {};
  });
  router.on('GET', `${v2}/{template_id}/translations`, (req) => {
    const template = requireV2(req.params['template_id'] ?? '');
    const language = req.query.get('language_code');
    const version = req.query.get('translation_version');
    const translations = template.translations.filter(
      (t) => (language === undefined || t['language_code'] === language) && (version === undefined || version === 'latest' || t['version'] === version),
    );
    return { translations };
  });

  const v1 = '/v1/projects/{project_id}/templates';
  const requireV1 = (id: string): TemplateV1 => {
    const t = ctx.store().templatesV1.get(id);
    if (!t) throw ApiError.notFound(`Template '${id}' not found in project ${ctx.projectId}`);
    return t;
  };
  router.on('POST', v1, (req) => {
    const f = Fields.body(req.body);
    const id = readId(f);
    if (ctx.store().templatesV1.has(id)) throw new ApiError(409, 'ALREADY_EXISTS', `Template '${id}' already exists`);
    const template = validateV1(f, id);
    ctx.store().templatesV1.set(id, template);
    return template;
  });
  router.on('GET', v1, () => ({ templates: [...ctx.store().templatesV1.values()] }));
  router.on('GET', `${v1}/{template_id}`, (req) => requireV1(req.params['template_id'] ?? ''));
  router.on('PATCH', `${v1}/{template_id}`, (req) => {
    const current = requireV1(req.params['template_id'] ?? '');
    const merged = applyPatch(current, Fields.body(req.body).obj, readUpdateMask(req.query), ['description', 'channel', 'default_translation', 'translations']);
    const template = validateV1(new Fields(merged), current.id, current);
    ctx.store().templatesV1.set(current.id, template);
    return template;
  });
  router.on('DELETE', `${v1}/{template_id}`, (req) => {
    ctx.store().templatesV1.delete(requireV1(req.params['template_id'] ?? '').id);
    return {};
  });
}
