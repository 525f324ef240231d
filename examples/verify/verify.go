// Verifies a SalesOS webhook delivery with Go's standard library alone.
// Usage: SALESOS_WEBHOOK_SECRET=whsec_... go run verify.go request.json   (or the JSON on stdin)
// request.json: {"headers": {"webhook-id": "...", ...}, "body": "<the raw body, exactly as received>"}
// In an http.Handler: body, _ := io.ReadAll(r.Body); event, err := VerifyWebhook(body, r.Header, secret, 5*time.Minute)
package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"
)

func VerifyWebhook(rawBody []byte, headers http.Header, secret string, tolerance time.Duration) (map[string]any, error) {
	id := headers.Get("webhook-id")
	timestamp := headers.Get("webhook-timestamp")
	signatures := headers.Get("webhook-signature")
	if signatures == "" {
		signatures = headers.Get("x-webhook-signature")
	}
	if id == "" || timestamp == "" || signatures == "" {
		return nil, errors.New("missing webhook headers")
	}

	// The key is the base64 part of the secret; the signed content is "{id}.{timestamp}.{body}".
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	if err != nil {
		return nil, errors.New("the secret is not whsec_ followed by base64")
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(id + "." + timestamp + "."))
	mac.Write(rawBody)
	expected := mac.Sum(nil)
	valid := false
	for _, entry := range strings.Split(signatures, " ") {
		version, signature, _ := strings.Cut(entry, ",")
		given, err := base64.StdEncoding.DecodeString(signature)
		// hmac.Equal, never ==: a comparison that stops early leaks the signature.
		if version == "v1" && err == nil && hmac.Equal(given, expected) {
			valid = true
		}
	}
	if !valid {
		return nil, errors.New("invalid signature")
	}

	seconds, err := strconv.ParseInt(timestamp, 10, 64)
	age := time.Since(time.Unix(seconds, 0))
	if err != nil || age > tolerance || age < -tolerance {
		return nil, errors.New("timestamp outside the tolerance")
	}
	var event map[string]any
	if err := json.Unmarshal(rawBody, &event); err != nil {
		return nil, err
	}
	return event, nil
}

func main() {
	var input struct {
		Headers map[string]string `json:"headers"`
		Body    string            `json:"body"`
	}
	source := io.Reader(os.Stdin)
	if len(os.Args) > 1 {
		file, err := os.Open(os.Args[1])
		if err != nil {
			panic(err)
		}
		source = file
	}
	if err := json.NewDecoder(source).Decode(&input); err != nil {
		panic(err)
	}
	headers := http.Header{}
	for name, value := range input.Headers {
		headers.Set(name, value)
	}
	event, err := VerifyWebhook([]byte(input.Body), headers, os.Getenv("SALESOS_WEBHOOK_SECRET"), 5*time.Minute)
	if err != nil {
		fmt.Fprintf(os.Stderr, "rejected: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("verified %v %v\n", event["id"], event["type"])
}
