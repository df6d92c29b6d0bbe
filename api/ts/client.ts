// A typed client of karir's API: the types come from api/openapi.yaml
// (schema.d.ts, made by openapi-typescript; make clients), the requests go
// through openapi-fetch, so that a path, its parameters, its body and each
// answer are checked by the compiler.
import createClient, { type Client } from 'openapi-fetch'
import type { components, paths } from './schema.js'

export type { components, paths }
export type Profile = components['schemas']['Profile']
export type ProfileSummary = components['schemas']['ProfileSummary']
export type Problem = components['schemas']['Problem']
export type ChangeEvent = components['schemas']['ChangeEvent']
export type Occupation = components['schemas']['Occupation']

// isProfile tells the profile document from the JSON-LD Occupation, which
// GET /v1/profiles/{slug} answers with when Accept asks for it.
export function isProfile (doc: Profile | Occupation | undefined): doc is Profile {
  return doc !== undefined && 'slug' in doc
}

export interface Options {
  // baseUrl is where the API is served, such as https://karir.example.
  baseUrl: string
  // token is an editor's token, sent with every request for the writes.
  token?: string
}

// karir returns a client of the API at baseUrl.
export function karir ({ baseUrl, token }: Options): Client<paths> {
  return createClient<paths>({
    baseUrl,
    headers: token === undefined ? {} : { Authorization: `Bearer ${token}` }
  })
}
