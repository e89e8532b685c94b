/** The file store module: see README.md. */
export { loadFileStoreConfig, FileStoreConfigError, type FileStoreConfig } from './config.ts';
export { FileService, createFileStore, type FileReadGrant, type FileReferenceCheck, type FileLimits } from './service.ts';
export { fileRoutes, contentDisposition, type FileRouteDeps } from './routes.ts';
export { storeUpload, insertFileRow, discardStored, cleanFileName, UploadRefused, REFUSAL_MESSAGES, type StoredUpload, type FileRow, type UploadInput, type RefusalReason } from './upload.ts';
export { ALLOWED_TYPES, ACCEPT_ATTRIBUTE, ACTIVE_PDF_NAMES, sniffFile, scanPdf, type AllowedType } from './sniff.ts';
export { FileNotFoundError, storageKeyFor, assertValidKey, type FileStore, type PutHints } from './store.ts';
export { LocalFileStore } from './local-store.ts';
export { S3FileStore, S3Error, type S3Config } from './s3-store.ts';
