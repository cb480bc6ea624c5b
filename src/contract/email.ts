// The one email rule of the API: what `format: email` means in the contract, what bulk create checks
// per item ("Invalid email") and what the CLI accepts for a key owner. An address of ASCII
// characters, dotted domain labels, at most 254 characters (RFC 5321), as ajv-formats' full format.
const EMAIL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

export const MAX_EMAIL_LENGTH = 254;

/** The shape of an address, whatever its length: `format: email`, which the contract bounds apart (maxLength). */
export function isEmailAddress(email: string): boolean {
  return EMAIL.test(email);
}

export function isValidEmail(email: string): boolean {
  return email.length <= MAX_EMAIL_LENGTH && isEmailAddress(email);
}

/** Emails are compared case-insensitively: this is the key they are compared by. */
export function emailKey(email: string): string {
  return email.toLowerCase();
}
