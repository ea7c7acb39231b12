/** Talking to the provider: HTTP calls with retries, list paging, and parsing of every payload quirk. */
package com.gpuledger.provider;
