/** Session and embed-session JWTs (HS256, jose) signed with a key derived from the server secret. */
import { errors, jwtVerify, SignJWT } from 'jose';
import { ApiProblem } from '../problem.js';
import { sha256 } from '../store/crypto.js';
import { Memo } from '../store/memo.js';

export type JwtTokenType = 'SESSION' | 'EMBED';

export interface TokenClaims {
  sessionId: string;
  staffId: string;
  tokenType: JwtTokenType;
  scopes: string[];
  widgets: string[] | null;
  origin: string | null;
  expiresAt: Date;
}

const ISSUER = 'fco-admin';

/** Tokens whose signature was checked (the check is a pure function of the token): a token's later requests skip it. */
const VERIFIED_TOKENS = 1_000;

export class TokenSigner {
  private readonly verified = new Memo<TokenClaims>(VERIFIED_TOKENS);

  private constructor(private readonly key: Uint8Array) {}

  static async create(secret: string): Promise<TokenSigner> {
    return new TokenSigner(await sha256(`jwt:${secret}`));
  }

  sign(claims: TokenClaims, now: Date): Promise<string> {
    return new SignJWT({ typ: claims.tokenType, scp: claims.scopes, wgt: claims.widgets, org: claims.origin })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setSubject(claims.staffId)
      .setJti(claims.sessionId)
      .setIssuedAt(Math.floor(now.getTime() / 1000))
      .setExpirationTime(Math.floor(claims.expiresAt.getTime() / 1000))
      .sign(this.key);
  }

  async verify(token: string, now: Date): Promise<TokenClaims> {
    const known = this.verified.get(token);
    if (known) {
      if (now.getTime() >= known.expiresAt.getTime()) throw unauthenticated('token_expired', 'The token has expired; get a new one.');
      return known;
    }
    return this.verified.set(token, await this.check(token, now));
  }

  private async check(token: string, now: Date): Promise<TokenClaims> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER, currentDate: now });
      const typ = payload.typ;
      if ((typ !== 'SESSION' && typ !== 'EMBED') || !payload.sub || !payload.jti || !Array.isArray(payload.scp)) throw new Error('claims');
      return {
        sessionId: payload.jti,
        staffId: payload.sub,
        tokenType: typ,
        scopes: payload.scp.map(String),
        widgets: Array.isArray(payload.wgt) ? payload.wgt.map(String) : null,
        origin: typeof payload.org === 'string' ? payload.org : null,
        expiresAt: new Date((payload.exp ?? 0) * 1000),
      };
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw unauthenticated('token_expired', 'The token has expired; get a new one.');
      throw unauthenticated('unauthenticated', 'The token is not valid.');
    }
  }
}

export function unauthenticated(code: 'unauthenticated' | 'token_expired' | 'origin_not_allowed', detail: string): ApiProblem {
  const error = code === 'unauthenticated' && detail.startsWith('No ') ? '' : `, error="invalid_token", error_description="${detail.replace(/"/g, "'")}"`;
  return new ApiProblem(code, { detail, headers: { 'WWW-Authenticate': `Bearer realm="fco-admin"${error}` } });
}
