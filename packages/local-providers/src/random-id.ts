// Ids as the services make them: random characters of an alphabet. Apart from provider.ts, so
// the server's RPCs and the service APIs share it without importing each other.
import { randomBytes } from "node:crypto";

export const randomId = (length = 20, alphabet = "abcdefghijklmnopqrstuvwxyz0123456789") =>
  Array.from(randomBytes(length), (b) => alphabet[b % alphabet.length]).join("");
