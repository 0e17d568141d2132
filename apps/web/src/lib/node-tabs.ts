import {
  addressSchema,
  bgpSessionSchema,
  cniConfigSchema,
  fdbEntrySchema,
  linkSchema,
  neighborSchema,
  routeSchema,
  type TableQuery,
} from '@meshlens/model';
import type { z } from 'zod';

export const NODE_TABS = ['links', 'addresses', 'routes', 'neighbors', 'fdb', 'bgp', 'cni'] as const;
export type NodeTab = (typeof NODE_TABS)[number];

/** Filters the API applies (q stays client-side: it searches what the table shows). */
export type ApiFilter = Exclude<keyof TableQuery, 'q'>;

export interface NodeTabSpec {
  id: NodeTab;
  label: string;
  /** Noun for row counts: "42 of 311 routes", and its singular: "1 route". */
  noun: string;
  one: string;
  /** Path segment under /api/v1/nodes/:name/. */
  endpoint: string;
  schema: z.ZodType;
  filters: readonly ApiFilter[];
}

export const NODE_TAB_SPECS: Readonly<Record<NodeTab, NodeTabSpec>> = {
  links: {
    id: 'links',
    label: 'Links',
    noun: 'links',
    one: 'link',
    endpoint: 'links',
    schema: linkSchema,
    filters: ['dev'],
  },
  addresses: {
    id: 'addresses',
    label: 'Addresses',
    noun: 'addresses',
    one: 'address',
    endpoint: 'addresses',
    schema: addressSchema,
    filters: ['dev', 'family', 'prefix'],
  },
  routes: {
    id: 'routes',
    label: 'Routes',
    noun: 'routes',
    one: 'route',
    endpoint: 'routes',
    schema: routeSchema,
    filters: ['dev', 'table', 'family', 'protocol', 'prefix'],
  },
  neighbors: {
    id: 'neighbors',
    label: 'Neighbours',
    noun: 'neighbours',
    one: 'neighbour',
    endpoint: 'neighbors',
    schema: neighborSchema,
    filters: ['dev', 'family', 'prefix'],
  },
  fdb: {
    id: 'fdb',
    label: 'FDB',
    noun: 'FDB entries',
    one: 'FDB entry',
    endpoint: 'fdb',
    schema: fdbEntrySchema,
    filters: ['dev'],
  },
  bgp: {
    id: 'bgp',
    label: 'BGP sessions',
    noun: 'BGP sessions',
    one: 'BGP session',
    endpoint: 'bgp-sessions',
    schema: bgpSessionSchema,
    filters: [],
  },
  cni: {
    id: 'cni',
    label: 'CNI',
    noun: 'CNI configs',
    one: 'CNI config',
    endpoint: 'cni',
    schema: cniConfigSchema,
    filters: [],
  },
};

export const isNodeTab = (value: unknown): value is NodeTab =>
  typeof value === 'string' && (NODE_TABS as readonly string[]).includes(value);
