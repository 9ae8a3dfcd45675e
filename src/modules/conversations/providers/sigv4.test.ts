import { describe, expect, it } from 'vitest';
import { sha256Hex, signAwsRequest } from './sigv4.js';

describe('AWS Signature Version 4', () => {
  it('signs AWS’s published example (IAM ListUsers, 2015-08-30) to its published signature', () => {
    const headers = signAwsRequest({
      method: 'GET',
      url: 'https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08',
      region: 'us-east-1',
      service: 'iam',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: '',
      credentials: {
        accessKeyId: 'AKIDEXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
      },
      now: new Date('2015-08-30T12:36:00Z'),
    });
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
    );
    expect(headers['x-amz-date']).toBe('20150830T123600Z');
  });

  it('a JSON 1.1 call with a session token, an escaped path and an unsorted query signs as @smithy/signature-v4 does', () => {
    // Expected value computed once with @smithy/signature-v4 5.7.5 (the S3 client's signer) on the same
    // request, its path as sent (`/a%20b/c`, encoded again in the canonical request).
    const body = JSON.stringify({ TranscriptionJobName: 'x y', Media: { MediaFileUri: 's3://b/k' } });
    const headers = signAwsRequest({
      method: 'POST',
      url: 'https://transcribe.eu-west-1.amazonaws.com/a%20b/c?x=y%20z&a=1',
      region: 'eu-west-1',
      service: 'transcribe',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'Transcribe.StartTranscriptionJob',
        'x-amz-content-sha256': sha256Hex(body),
      },
      body,
      credentials: { accessKeyId: 'AK', secretAccessKey: 'SK', sessionToken: 'TOK' },
      now: new Date('2024-05-01T10:00:00Z'),
    });
    expect(headers['x-amz-security-token']).toBe('TOK');
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AK/20240501/eu-west-1/transcribe/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token;x-amz-target, Signature=8583edd8969c5e8737fd8ca893472b9feffb56544d9278ca358f49618eee29cc',
    );
  });

  it('a Bedrock model id with a colon is sent as %3A and signed as %253A, as @smithy/signature-v4 does', () => {
    // Expected value computed once with @smithy/signature-v4 5.7.5 on the same request.
    const body = '{"messages":[{"role":"user","content":[{"text":"hi"}]}]}';
    const headers = signAwsRequest({
      method: 'POST',
      url: 'https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse',
      region: 'us-east-1',
      service: 'bedrock',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'x-amz-content-sha256': sha256Hex(body),
      },
      body,
      credentials: {
        accessKeyId: 'AKIDEXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
      },
      now: new Date('2024-05-01T10:00:00Z'),
    });
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240501/us-east-1/bedrock/aws4_request, SignedHeaders=accept;content-type;host;x-amz-content-sha256;x-amz-date, Signature=6c79528bea921fbdd859f7f3f664f5cdab6ebcc45dd23f227ddcddd94a77ae23',
    );
  });
});
