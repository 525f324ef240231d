# Verifies a SalesOS webhook delivery with Ruby's standard library alone.
# Usage: SALESOS_WEBHOOK_SECRET=whsec_... ruby verify.rb request.json   (or the JSON on stdin)
# request.json: {"headers": {"webhook-id": "...", ...}, "body": "<the raw body, exactly as received>"}
# In Rails: verify_webhook(request.raw_post, %w[webhook-id webhook-timestamp webhook-signature].to_h { |h| [h, request.headers[h]] }, secret)
require "json"
require "openssl"

def verify_webhook(raw_body, headers, secret, tolerance: 300)
  lower = headers.transform_keys(&:downcase)
  id = lower["webhook-id"]
  timestamp = lower["webhook-timestamp"]
  signatures = lower["webhook-signature"] || lower["x-webhook-signature"]
  raise ArgumentError, "missing webhook headers" unless id && timestamp && signatures

  # The key is the base64 part of the secret; the signed content is "{id}.{timestamp}.{body}".
  # unpack1("m0") / pack("m0") are strict base64, without the base64 gem.
  key = secret.delete_prefix("whsec_").unpack1("m0")
  expected = [OpenSSL::HMAC.digest("SHA256", key, "#{id}.#{timestamp}.#{raw_body}")].pack("m0")
  valid = signatures.split(" ").any? do |entry|
    version, signature = entry.split(",", 2)
    # OpenSSL.secure_compare, never ==: a comparison that stops early leaks the signature.
    version == "v1" && OpenSSL.secure_compare(expected, signature.to_s)
  end
  raise ArgumentError, "invalid signature" unless valid

  unless timestamp.match?(/\A\d+\z/) && (Time.now.to_i - timestamp.to_i).abs <= tolerance
    raise ArgumentError, "timestamp outside the tolerance"
  end
  JSON.parse(raw_body)
end

if $PROGRAM_NAME == __FILE__
  input = JSON.parse(ARGV[0] ? File.read(ARGV[0]) : $stdin.read)
  begin
    event = verify_webhook(input["body"], input["headers"], ENV.fetch("SALESOS_WEBHOOK_SECRET", ""))
    puts "verified #{event["id"]} #{event["type"]}"
  rescue ArgumentError, JSON::ParserError => e
    warn "rejected: #{e.message}"
    exit 1
  end
end
