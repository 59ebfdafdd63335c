import { describe, expect, it } from 'vitest';
import en from '../i18n/staff/en';
import kk from '../i18n/staff/kk';
import ru from '../i18n/staff/ru';
import tr from '../i18n/staff/tr';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1] ?? '').sort().join();
const english = flatten(en);

describe('staff translations', () => {
  it('Turkish has every English key, with text', () => {
    const turkish = flatten(tr);
    expect([...english.keys()].filter((key) => !turkish.get(key)?.trim())).toEqual([]);
  });

  it.each([
    ['tr', tr],
    ['ru', ru],
    ['kk', kk],
  ])('%s has no key English lacks and the same {{placeholders}}', (_name, messages) => {
    const flat = flatten(messages);
    expect([...flat.keys()].filter((key) => !english.has(key))).toEqual([]);
    expect(
      [...flat].filter(([key, text]) => placeholders(text) !== placeholders(english.get(key) ?? '')).map(([k]) => k),
    ).toEqual([]);
  });

  it.each([
    ['ru', ru],
    ['kk', kk],
  ])('%s translates at least the menus and statuses', (_name, messages) => {
    const flat = flatten(messages);
    const needed = [...english.keys()].filter((key) => /^(nav|status|verdict|states)\./.test(key));
    expect(needed.filter((key) => !flat.get(key))).toEqual([]);
  });
});
