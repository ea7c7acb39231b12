package com.gpuledger.delivery;

/** A way of telling someone about a report date: the mail or the webhook. */
interface DeliveryChannel {

    /** {@code MAIL} or {@code WEBHOOK}, as {@code report_delivery.channel}. */
    String channel();

    /** Where it goes, without any secret, as {@code report_delivery.target}. */
    String target();

    /** Whether the date calls for a message on this channel. */
    boolean due(DeliveryOccasion occasion);

    /**
     * Sends the date's message.
     *
     * @return a short description of what was sent, for {@code report_delivery.message}
     * @throws RuntimeException when it was not accepted (server down, refused, timeout)
     */
    String send(DeliveryOccasion occasion);
}
