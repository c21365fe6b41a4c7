import { describe, expect, it } from 'vitest';
import { checkToken, queryOf, safeEqual } from '../../src/util/token-auth.js';

describe('token checks', () => {
  it('reads the token from Bearer, Token, a bare header or ?access_token, the query first', () => {
    expect(checkToken('s3cret', { authorization: 'Bearer s3cret' }, undefined)).toBe('ok');
    expect(checkToken('s3cret', { authorization: 'token s3cret' }, undefined)).toBe('ok');
    expect(checkToken('s3cret', { authorization: ' s3cret ' }, undefined)).toBe('ok');
    expect(checkToken('s3cret', {}, queryOf('/send_msg?access_token=s3cret'))).toBe('ok');
    expect(checkToken('s3cret', { authorization: 'Bearer s3cret' }, queryOf('/x?access_token=nope'))).toBe('wrong');
    expect(checkToken('s3cret', {}, queryOf('/x'))).toBe('missing');
    expect(checkToken('s3cret', { authorization: '' }, undefined)).toBe('missing');
    expect(checkToken('', {}, undefined)).toBe('ok');
  });

  it('tells a wrong token from the right one whatever their lengths', () => {
    expect(safeEqual('s3cret', 's3cret')).toBe(true);
    expect(safeEqual('s3cre', 's3cret')).toBe(false);
    expect(safeEqual('s3cretX', 's3cret')).toBe(false);
    expect(safeEqual('', 's3cret')).toBe(false);
    expect(safeEqual('S3CRET', 's3cret')).toBe(false);
  });

  it('stays right for many configured tokens, and for one that changed (its kept digest is per token)', () => {
    // More tokens than the digests kept: the oldest are forgotten and made again, never mixed up.
    for (let round = 0; round < 2; round++) {
      for (let index = 0; index < 600; index++) {
        expect(safeEqual(`token-${index}`, `token-${index}`)).toBe(true);
        expect(safeEqual(`token-${index}`, `token-${index + 1}`)).toBe(false);
      }
    }
    expect(checkToken('old', { authorization: 'Bearer old' }, undefined)).toBe('ok');
    expect(checkToken('new', { authorization: 'Bearer old' }, undefined)).toBe('wrong');
    expect(checkToken('new', { authorization: 'Bearer new' }, undefined)).toBe('ok');
  });
});
