/** The day's report by mail and alerts to a chat webhook, each delivery recorded in {@code report_delivery} (contracts section 10). */
package com.gpuledger.delivery;
