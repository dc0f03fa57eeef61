/// <reference types="node" />
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

export type WhereOptions = Record<string | symbol, any>;

export interface FindOptions {
  where?: WhereOptions;
  attributes?: Array<string | [unknown, string]> | { include?: Array<string | [unknown, string]>; exclude?: string[] };
  order?: unknown;
  group?: unknown;
  having?: WhereOptions;
  limit?: number;
  offset?: number;
  raw?: boolean;
  plain?: boolean;
  nest?: boolean;
  paranoid?: boolean;
  lock?: boolean | string;
  skipLocked?: boolean;
  rejectOnEmpty?: boolean | Error;
  logging?: Logging;
  benchmark?: boolean;
  transaction?: unknown;
  [key: string]: unknown;
}

export interface ModelAttributeOptions {
  type: any;
  allowNull?: boolean;
  defaultValue?: unknown;
  primaryKey?: boolean;
  autoIncrement?: boolean;
  unique?: boolean | string | { name?: string; msg?: string };
  field?: string;
  comment?: string;
  references?: { model: string | typeof Model | { tableName: string; schema?: string }; key?: string };
  onDelete?: string;
  onUpdate?: string;
  validate?: Record<string, unknown>;
  get?(this: Model): unknown;
  set?(this: Model, value: unknown): void;
}

export type ModelAttributes = Record<string, any | ModelAttributeOptions>;

export interface ModelOptions {
  sequelize?: Sequelize;
  modelName?: string;
  tableName?: string;
  schema?: string;
  timestamps?: boolean;
  createdAt?: string | boolean;
  updatedAt?: string | boolean;
  deletedAt?: string | boolean;
  paranoid?: boolean;
  underscored?: boolean;
  freezeTableName?: boolean;
  name?: { singular?: string; plural?: string };
  indexes?: Array<Record<string, unknown>>;
  defaultScope?: FindOptions;
  scopes?: Record<string, FindOptions | ((...args: any[]) => FindOptions)>;
  hooks?: Record<string, Function | Function[]>;
  validate?: Record<string, (this: Model) => unknown>;
  version?: boolean | string;
  omitNull?: boolean;
  [key: string]: unknown;
}

export declare class Model<TAttributes extends Record<string, any> = any> {
  constructor(values?: Partial<TAttributes>, options?: Record<string, unknown>);
  static readonly sequelize: Sequelize;
  static readonly tableName: string;
  static readonly rawAttributes: Record<string, any>;
  static readonly primaryKeyAttribute: string;
  static readonly primaryKeyAttributes: string[];
  static readonly options: ModelOptions;
  static init<M extends typeof Model>(this: M, attributes: ModelAttributes, options: ModelOptions): M;
  static getTableName(): string | { tableName: string; schema: string; delimiter: string };
  static getAttributes(): Record<string, any>;
  static sync(options?: { force?: boolean; alter?: boolean | { drop?: boolean }; logging?: Logging }): Promise<any>;
  static drop(options?: { cascade?: boolean; logging?: Logging }): Promise<void>;
  static truncate(options?: Record<string, unknown>): Promise<number>;
  static describe(): Promise<Record<string, any>>;
  static build<M extends Model>(this: { new (): M }, values?: Record<string, unknown>, options?: Record<string, unknown>): M;
  static findAll<M extends Model>(this: { new (): M }, options?: FindOptions): Promise<M[]>;
  static findOne<M extends Model>(this: { new (): M }, options?: FindOptions): Promise<M | null>;
  static findByPk<M extends Model>(this: { new (): M }, id: unknown, options?: FindOptions): Promise<M | null>;
  static findOrCreate<M extends Model>(this: { new (): M }, options: FindOptions & { defaults?: Record<string, unknown> }): Promise<[M, boolean]>;
  static findOrBuild<M extends Model>(this: { new (): M }, options: FindOptions & { defaults?: Record<string, unknown> }): Promise<[M, boolean]>;
  static findAndCountAll<M extends Model>(this: { new (): M }, options?: FindOptions): Promise<{ count: number; rows: M[] }>;
  static count(options?: FindOptions & { distinct?: boolean; col?: string }): Promise<number>;
  static max(field: string, options?: FindOptions): Promise<any>;
  static min(field: string, options?: FindOptions): Promise<any>;
  static sum(field: string, options?: FindOptions): Promise<number>;
  static create<M extends Model>(this: { new (): M }, values?: Record<string, unknown>, options?: Record<string, unknown>): Promise<M>;
  static bulkCreate<M extends Model>(this: { new (): M }, records: Array<Record<string, unknown>>, options?: Record<string, unknown>): Promise<M[]>;
  static update(values: Record<string, unknown>, options: FindOptions & { returning?: boolean | string[] }): Promise<[number, any[]?]>;
  static destroy(options: FindOptions & { force?: boolean; truncate?: boolean }): Promise<number>;
  static restore(options?: FindOptions): Promise<number>;
  static upsert<M extends Model>(this: { new (): M }, values: Record<string, unknown>, options?: Record<string, unknown>): Promise<[M, boolean | null]>;
  static increment(fields: string | string[] | Record<string, number>, options: FindOptions & { by?: number }): Promise<any>;
  static decrement(fields: string | string[] | Record<string, number>, options: FindOptions & { by?: number }): Promise<any>;
  static scope(...names: unknown[]): typeof Model;
  static unscoped(): typeof Model;
  static addScope(name: string, scope: FindOptions | Function, options?: { override?: boolean }): void;
  static addHook(hookType: string, nameOrFn: string | Function, fn?: Function): typeof Model;
  static removeHook(hookType: string, nameOrFn: string | Function): typeof Model;
  static hasHook(hookType: string): boolean;

  dataValues: TAttributes;
  isNewRecord: boolean;
  get(key: string, options?: { raw?: boolean; plain?: boolean }): any;
  get(options?: { raw?: boolean; plain?: boolean; clone?: boolean }): TAttributes;
  set(key: string | Record<string, unknown>, value?: unknown, options?: Record<string, unknown>): this;
  getDataValue(key: string): any;
  setDataValue(key: string, value: unknown): void;
  changed(): string[] | false;
  changed(key: string): boolean;
  changed(key: string, value: boolean): this;
  previous(key?: string): any;
  toJSON(): TAttributes;
  save(options?: Record<string, unknown>): Promise<this>;
  update(values: Record<string, unknown>, options?: Record<string, unknown>): Promise<this>;
  reload(options?: FindOptions): Promise<this>;
  destroy(options?: { force?: boolean }): Promise<any>;
  restore(options?: Record<string, unknown>): Promise<this>;
  increment(fields: string | string[] | Record<string, number>, options?: { by?: number }): Promise<this>;
  decrement(fields: string | string[] | Record<string, number>, options?: { by?: number }): Promise<this>;
  validate(options?: Record<string, unknown>): Promise<this>;
  equals(other: Model): boolean;
  isSoftDeleted(): boolean;
  where(): Record<string, unknown>;
}

export declare class QueryInterface {
  createTable(table: string | { tableName: string; schema?: string }, attributes: ModelAttributes, options?: Record<string, unknown>): Promise<any>;
  dropTable(table: string | { tableName: string; schema?: string }, options?: { cascade?: boolean }): Promise<any>;
  showAllTables(options?: Record<string, unknown>): Promise<string[]>;
  describeTable(table: string, options?: Record<string, unknown>): Promise<Record<string, any>>;
  addColumn(table: string, key: string, attribute: any, options?: Record<string, unknown>): Promise<any>;
  removeColumn(table: string, column: string, options?: Record<string, unknown>): Promise<any>;
  changeColumn(table: string, column: string, attribute: any, options?: Record<string, unknown>): Promise<any>;
  renameColumn(table: string, before: string, after: string, options?: Record<string, unknown>): Promise<any>;
  addIndex(table: string, fieldsOrOptions: any, options?: Record<string, unknown>): Promise<any>;
  removeIndex(table: string, nameOrFields: string | string[], options?: Record<string, unknown>): Promise<any>;
  showIndex(table: string, options?: Record<string, unknown>): Promise<any[]>;
  bulkInsert(table: string, records: Array<Record<string, unknown>>, options?: Record<string, unknown>): Promise<any>;
  bulkUpdate(table: string, values: Record<string, unknown>, where: WhereOptions, options?: Record<string, unknown>): Promise<any>;
  bulkDelete(table: string, where: WhereOptions, options?: Record<string, unknown>): Promise<any>;
}

export declare class Transaction {
  readonly id: string;
  readonly finished?: 'commit' | 'rollback';
  readonly LOCK: { UPDATE: string; SHARE: string; KEY_SHARE: string; NO_KEY_UPDATE: string };
  static readonly ISOLATION_LEVELS: { READ_UNCOMMITTED: string; READ_COMMITTED: string; REPEATABLE_READ: string; SERIALIZABLE: string };
  static readonly TYPES: Record<string, string>;
  static readonly LOCK: { UPDATE: string; SHARE: string; KEY_SHARE: string; NO_KEY_UPDATE: string };
  commit(): Promise<void>;
  rollback(): Promise<void>;
  afterCommit(fn: (t: Transaction) => unknown): void;
}

export interface TransactionOptions {
  isolationLevel?: string;
  readOnly?: boolean;
  transaction?: Transaction;
  type?: string;
}

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

  readonly models: Record<string, typeof Model>;
  static readonly Model: typeof Model;
  define(modelName: string, attributes: ModelAttributes, options?: ModelOptions): typeof Model;
  static readonly Transaction: typeof Transaction;
  transaction(options?: TransactionOptions): Promise<Transaction>;
  transaction<T>(callback: (t: Transaction) => Promise<T>): Promise<T>;
  transaction<T>(options: TransactionOptions, callback: (t: Transaction) => Promise<T>): Promise<T>;
  model(modelName: string): typeof Model;
  isDefined(modelName: string): boolean;
  sync(options?: { force?: boolean; alter?: boolean | { drop?: boolean }; match?: RegExp; logging?: Logging }): Promise<this>;
  drop(options?: Record<string, unknown>): Promise<void>;
  truncate(options?: Record<string, unknown>): Promise<void>;
  getQueryInterface(): QueryInterface;
  addHook(hookType: string, nameOrFn: string | Function, fn?: Function): this;
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
