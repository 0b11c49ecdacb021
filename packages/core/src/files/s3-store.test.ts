/**
 * The S3 store's location setting and its request signing, checked against the worked examples of AWS's
 * Signature V4 documentation ("Examples: Signature Calculations in AWS Signature Version 4", Amazon S3 API
 * Reference: GET Bucket Lifecycle and GET Bucket (List Objects)), so a store that verifies signatures accepts them.
 * The protocol itself runs against an S3-compatible server in apps/server/test/file-store.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { payloadHash, s3LocationFrom, s3Signer } from './s3-store.ts';
import { fileStoreFrom } from './file-store.ts';

const DOC_SETTING = 'https://AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI%2FK7MDENG%2FbPxRfiCYEXAMPLEKEY@examplebucket.s3.amazonaws.com/examplebucket';

describe('the S3-compatible file store', () => {
  it('reads endpoint, bucket, region and the URL-encoded key and secret from LIANDONG_FILE_STORE', () => {
    expect(s3LocationFrom('http://minio:minio-secret@127.0.0.1:9000/liandong-files?region=cn-east-1')).toEqual({
      endpoint: 'http://127.0.0.1:9000',
      bucket: 'liandong-files',
      region: 'cn-east-1',
      accessKeyId: 'minio',
      secretAccessKey: 'minio-secret',
    });
    expect(s3LocationFrom(DOC_SETTING)).toMatchObject({ region: 'us-east-1', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' });
    expect(fileStoreFrom(`s3:${DOC_SETTING}`, '/data').kind).toBe('s3');
  });

  it('refuses a location without a bucket or credentials, naming the setting and hiding the secret', () => {
    expect(() => fileStoreFrom('s3:https://k:s@host', '/data')).toThrow(/LIANDONG_FILE_STORE s3: .*bucket/);
    expect(() => fileStoreFrom('s3:https://host/bucket', '/data')).toThrow(/access key/);
    expect(() => fileStoreFrom('s3:ftp://k:s@host/bucket', '/data')).toThrow(/http: or https:/);
    expect(() => fileStoreFrom('minio://k:very-secret@host/bucket', '/data')).toThrow(/LIANDONG_FILE_STORE must be/);
    expect(() => fileStoreFrom('minio://k:very-secret@host/bucket', '/data')).not.toThrow(/very-secret/);
  });

  it('signs requests exactly as the AWS documentation computes them', async () => {
    const signer = s3Signer(s3LocationFrom(DOC_SETTING));
    const sign = async (url: string) =>
      (await signer.sign(url, { method: 'GET', headers: payloadHash(), aws: { datetime: '20130524T000000Z' } })).headers.get('authorization');
    expect(await sign('https://examplebucket.s3.amazonaws.com/?lifecycle')).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543',
    );
    expect(await sign('https://examplebucket.s3.amazonaws.com/?max-keys=2&prefix=J')).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7',
    );
  });
});
