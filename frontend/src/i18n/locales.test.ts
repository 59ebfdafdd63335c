import { describe, expect, it } from 'vitest';
import { detectLanguage } from '.';
import en from './locales/en';
import kk from './locales/kk';
import ru from './locales/ru';
import tr from './locales/tr';

type Tree = { [key: string]: string | Tree };

/** "a.b.c" → text, for every leaf. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1] ?? '').sort();
}

const english = flatten(en);

describe('translations', () => {
  it('Turkish has every English key, with text', () => {
    const turkish = flatten(tr);
    const missing = [...english.keys()].filter((key) => !turkish.get(key)?.trim());
    expect(missing).toEqual([]);
  });

  it.each([
    ['tr', tr],
    ['ru', ru],
    ['kk', kk],
  ])('%s has no key that English lacks', (_name, messages) => {
    const extra = [...flatten(messages as Tree).keys()].filter((key) => !english.has(key));
    expect(extra).toEqual([]);
  });

  it.each([
    ['tr', tr],
    ['ru', ru],
    ['kk', kk],
  ])('%s uses the same {{placeholders}} as English', (_name, messages) => {
    const wrong = [...flatten(messages as Tree)].filter(
      ([key, text]) => placeholders(text).join() !== placeholders(english.get(key) ?? '').join(),
    );
    expect(wrong.map(([key]) => key)).toEqual([]);
  });

  it.each([
    ['ru', ru],
    ['kk', kk],
  ])('%s translates at least the shell, sign-in and sign-up', (_name, messages) => {
    const flat = flatten(messages);
    const needed = [...english.keys()].filter((key) => /^(app|common|nav|signIn|signUp|languages)\./.test(key));
    expect(needed.filter((key) => !flat.get(key))).toEqual([]);
  });

  it('names each language in its own language everywhere', () => {
    for (const messages of [en, tr, ru, kk]) {
      expect(messages.languages).toEqual({ en: 'English', tr: 'Türkçe', ru: 'Русский', kk: 'Қазақша' });
    }
  });
});

describe('detectLanguage', () => {
  it('prefers a stored choice, then the browser, then English', () => {
    expect(detectLanguage('kk', ['tr-TR'])).toBe('kk');
    expect(detectLanguage(null, ['de-DE', 'tr-TR', 'en'])).toBe('tr');
    expect(detectLanguage('xx', ['ru'])).toBe('ru');
    expect(detectLanguage(null, ['de-DE', 'fr'])).toBe('en');
  });
});
