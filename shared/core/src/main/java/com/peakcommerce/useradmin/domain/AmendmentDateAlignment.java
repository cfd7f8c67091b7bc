package com.peakcommerce.useradmin.domain;

/** When changes to a customer's subscriptions take effect. */
public enum AmendmentDateAlignment { IMMEDIATE, NEXT_BILLING_PERIOD, END_OF_TERM }
