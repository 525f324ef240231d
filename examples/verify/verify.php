<?php
// Verifies a SalesOS webhook delivery with PHP alone (hash_hmac, hash_equals).
// Usage: SALESOS_WEBHOOK_SECRET=whsec_... php verify.php request.json   (or the JSON on stdin)
// request.json: {"headers": {"webhook-id": "...", ...}, "body": "<the raw body, exactly as received>"}
// In a web request: verify_webhook(file_get_contents('php://input'), getallheaders(), $secret)

function verify_webhook(string $rawBody, array $headers, string $secret, int $tolerance = 300): array
{
    $lower = array_change_key_case($headers, CASE_LOWER);
    $id = $lower['webhook-id'] ?? '';
    $timestamp = $lower['webhook-timestamp'] ?? '';
    $signatures = $lower['webhook-signature'] ?? $lower['x-webhook-signature'] ?? '';
    if ($id === '' || $timestamp === '' || $signatures === '') {
        throw new UnexpectedValueException('missing webhook headers');
    }

    // The key is the base64 part of the secret; the signed content is "{id}.{timestamp}.{body}".
    $key = base64_decode(preg_replace('/^whsec_/', '', $secret), true);
    if ($key === false) {
        throw new UnexpectedValueException('the secret is not whsec_ followed by base64');
    }
    $expected = base64_encode(hash_hmac('sha256', "$id.$timestamp.$rawBody", $key, true));
    $valid = false;
    foreach (explode(' ', $signatures) as $entry) {
        [$version, $signature] = array_pad(explode(',', $entry, 2), 2, '');
        // hash_equals, never ==: a comparison that stops early leaks the signature.
        if ($version === 'v1' && hash_equals($expected, $signature)) {
            $valid = true;
        }
    }
    if (!$valid) {
        throw new UnexpectedValueException('invalid signature');
    }

    if (!ctype_digit($timestamp) || abs(time() - (int) $timestamp) > $tolerance) {
        throw new UnexpectedValueException('timestamp outside the tolerance');
    }
    return json_decode($rawBody, true, 512, JSON_THROW_ON_ERROR);
}

if (PHP_SAPI === 'cli' && realpath($argv[0]) === __FILE__) {
    $input = json_decode(file_get_contents($argv[1] ?? 'php://stdin'), true);
    try {
        $event = verify_webhook($input['body'], $input['headers'], getenv('SALESOS_WEBHOOK_SECRET') ?: '');
        echo "verified {$event['id']} {$event['type']}\n";
    } catch (UnexpectedValueException | JsonException $e) {
        fwrite(STDERR, "rejected: {$e->getMessage()}\n");
        exit(1);
    }
}
