// Type declarations for sequelize-rs: the Sequelize v6 surface this package implements.
// The shapes follow Sequelize 6.37's own `types/` where the runtime matches them.

export type Dialect = 'postgres';

export interface PoolOptions {
  max?: number;
  min?: number;
  idle?: number;
  acquire?: number;
  evict?: number;
  maxUses?: number;
}

export interface RetryOptions {
  max?: number;
  match?: Array<string | RegExp | (new (...args: any[]) => Error) | ((err: Error) => boolean)>;
  backoffBase?: number;
  backoffExponent?: number;
}

export interface SslOptions {
  require?: boolean;
  rejectUnauthorized?: boolean;
  ca?: string | Buffer | Array<string | Buffer>;
  cert?: string | Buffer;
  key?: string | Buffer;
  servername?: string;
  checkServerIdentity?: (...args: any[]) => any;
}

export interface DialectOptions {
  ssl?: boolean | 'no-verify' | SslOptions;
  application_name?: string;
  statement_timeout?: number;
  lock_timeout?: number;
  idle_in_transaction_session_timeout?: number;
  connectionTimeoutMillis?: number;
  keepAlive?: boolean;
  keepAliveInitialDelayMillis?: number;
  options?: string;
  channel_binding?: 'disable' | 'prefer' | 'require';
  clientMinMessages?: string | false;
  [key: string]: unknown;
}

export type Logging = boolean | ((sql: string, timingOrOptions?: any, options?: any) => void);

export interface Options {
  dialect?: Dialect | 'postgresql';
  host?: string;
  port?: number | string;
  database?: string;
  username?: string;
  password?: string;
  dialectOptions?: DialectOptions;
  pool?: PoolOptions;
  logging?: Logging;
  benchmark?: boolean;
  logQueryParameters?: boolean;
  timezone?: string;
  keepDefaultTimezone?: boolean;
  retry?: RetryOptions;
  define?: Record<string, unknown>;
  query?: Partial<QueryOptions>;
  [key: string]: unknown;
}

export interface QueryOptions {
  type?: string;
  raw?: boolean;
  plain?: boolean;
  nest?: boolean;
  replacements?: Record<string, unknown> | unknown[];
  bind?: Record<string, unknown> | unknown[];
  logging?: Logging;
  benchmark?: boolean;
  logQueryParameters?: boolean;
  retry?: RetryOptions;
  returning?: boolean;
}

export interface FieldDef {
  name: string;
  tableID: number;
  columnID: number;
  dataTypeID: number;
  dataTypeSize: number;
  dataTypeModifier: number;
  format: 'text' | 'binary';
}

/** node-postgres' `Result`, as the metadata of a raw query. */
export interface PgResult<R = Record<string, any>> {
  command: string | null;
  rowCount: number | null;
  oid: number | null;
  rows: R[];
  fields: FieldDef[];
  rowAsArray: boolean;
}

export declare const QueryTypes: {
  readonly SELECT: 'SELECT';
  readonly INSERT: 'INSERT';
  readonly UPDATE: 'UPDATE';
  readonly BULKUPDATE: 'BULKUPDATE';
  readonly BULKDELETE: 'BULKDELETE';
  readonly DELETE: 'DELETE';
  readonly UPSERT: 'UPSERT';
  readonly VERSION: 'VERSION';
  readonly SHOWTABLES: 'SHOWTABLES';
  readonly SHOWINDEXES: 'SHOWINDEXES';
  readonly DESCRIBE: 'DESCRIBE';
  readonly RAW: 'RAW';
  readonly FOREIGNKEYS: 'FOREIGNKEYS';
  readonly SHOWCONSTRAINTS: 'SHOWCONSTRAINTS';
};

export declare const Op: { readonly [key: string]: symbol };
export declare const DataTypes: { readonly [key: string]: any };

export declare class BaseError extends Error {}
export declare class ValidationErrorItem {
  message: string;
  type: string | null;
  path: string | null;
  value: unknown;
  origin: string | null;
  validatorKey: string | null;
}
export declare class ValidationError extends BaseError {
  errors: ValidationErrorItem[];
  get(path: string): ValidationErrorItem[];
}
export declare class DatabaseError extends BaseError {
  parent: Error & Record<string, any>;
  original: Error & Record<string, any>;
  sql: string;
  parameters: unknown;
}
export declare class UniqueConstraintError extends ValidationError {
  parent: Error & Record<string, any>;
  original: Error & Record<string, any>;
  fields: Record<string, unknown>;
  sql: string;
}
export declare class ForeignKeyConstraintError extends DatabaseError {
  table: string;
  fields: Record<string, unknown> | null;
  index: string;
}
export declare class ExclusionConstraintError extends DatabaseError {}
export declare class UnknownConstraintError extends DatabaseError {}
export declare class TimeoutError extends DatabaseError {}
export declare class ConnectionError extends BaseError {
  parent: Error & Record<string, any>;
  original: Error & Record<string, any>;
}
export declare class ConnectionRefusedError extends ConnectionError {}
export declare class AccessDeniedError extends ConnectionError {}
export declare class HostNotFoundError extends ConnectionError {}
export declare class HostNotReachableError extends ConnectionError {}
export declare class InvalidConnectionError extends ConnectionError {}
export declare class ConnectionTimedOutError extends ConnectionError {}
export declare class ConnectionAcquireTimeoutError extends ConnectionError {}
export declare class EmptyResultError extends BaseError {}
export declare class OptimisticLockError extends BaseError {}

export declare class Sequelize {
  constructor(uri: string, options?: Options);
  constructor(database: string, username?: string | null, password?: string | null, options?: Options);
  constructor(options: Options);

  static readonly version: string;
  static readonly Sequelize: typeof Sequelize;
  static readonly default: typeof Sequelize;
  static readonly QueryTypes: typeof QueryTypes;
  static readonly Op: typeof Op;
  static readonly DataTypes: typeof DataTypes;
  static readonly BaseError: typeof BaseError;
  static readonly ValidationError: typeof ValidationError;
  static readonly ValidationErrorItem: typeof ValidationErrorItem;
  static readonly DatabaseError: typeof DatabaseError;
  static readonly UniqueConstraintError: typeof UniqueConstraintError;
  static readonly ForeignKeyConstraintError: typeof ForeignKeyConstraintError;
  static readonly ExclusionConstraintError: typeof ExclusionConstraintError;
  static readonly UnknownConstraintError: typeof UnknownConstraintError;
  static readonly TimeoutError: typeof TimeoutError;
  static readonly ConnectionError: typeof ConnectionError;
  static readonly ConnectionRefusedError: typeof ConnectionRefusedError;
  static readonly AccessDeniedError: typeof AccessDeniedError;
  static readonly HostNotFoundError: typeof HostNotFoundError;
  static readonly HostNotReachableError: typeof HostNotReachableError;
  static readonly InvalidConnectionError: typeof InvalidConnectionError;
  static readonly ConnectionTimedOutError: typeof ConnectionTimedOutError;
  static readonly ConnectionAcquireTimeoutError: typeof ConnectionAcquireTimeoutError;
  static readonly EmptyResultError: typeof EmptyResultError;
  static readonly OptimisticLockError: typeof OptimisticLockError;
  static fn(fn: string, ...args: unknown[]): any;
  static col(col: string): any;
  static literal(val: string): any;
  static cast(val: unknown, type: string): any;
  static where(attr: unknown, comparator: unknown, logic?: unknown): any;
  static and(...args: unknown[]): any;
  static or(...args: unknown[]): any;

  readonly options: Options & Record<string, any>;
  readonly config: {
    database: string;
    username: string;
    password: string | null;
    host: string;
    port: number | string;
    pool: PoolOptions;
    dialectOptions: DialectOptions | null;
    [key: string]: unknown;
  };
  readonly QueryTypes: typeof QueryTypes;

  getDialect(): 'postgres';
  getDatabaseName(): string;
  authenticate(options?: QueryOptions): Promise<void>;
  validate(options?: QueryOptions): Promise<void>;
  databaseVersion(options?: QueryOptions): Promise<string>;
  escape(value: unknown): string;
  close(): Promise<void>;
  /** Pool counters (sequelize-rs only). */
  poolStatus(): { size: number; available: number; waiting: number; max: number };

  query<T = any>(sql: string | { query: string; values?: unknown[]; bind?: unknown }, options: QueryOptions & { type: 'SELECT'; plain: true }): Promise<T | null>;
  query<T = any>(sql: string | { query: string; values?: unknown[]; bind?: unknown }, options: QueryOptions & { type: 'SELECT' }): Promise<T[]>;
  query(sql: string | { query: string; values?: unknown[]; bind?: unknown }, options?: QueryOptions): Promise<[unknown[], unknown]>;
}

export default Sequelize;
