package com.peakcommerce.useradmin.domain;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The settings of a profile (SPEC P2, seed 002): seven tabs, each setting a choice among fixed options
 * (the article's "bubbles") with a default, and the roles it matters for ("if the setting is not
 * applicable to the role, it will not matter which option is selected"). Ids are camelCase and stable:
 * a setting is addressed as {@code <tab>.<setting>} (in the API: {@code settings.<tab>.<setting>}).
 *
 * <p>The article names what each tab covers but not its bubbles. Where it is vague, the choices below are
 * what a portal admin would expect, and are said so in a comment: levels of access ({@code none},
 * {@code view}, {@code manage}) for things one can see and change, allowed / not allowed for single
 * actions; defaults let a new profile see its own things and pay, but not change what is running.
 */
public final class ProfileSettings {
    private ProfileSettings() {}

    /** One bubble. */
    public record Option(String id, String label) {}

    /** "Only when {@code setting} ({@code <tab>.<setting>}) is {@code option}". */
    public record Condition(String setting, String option) {}

    /** The portal roles a profile is given to (RoleRules: these four carry a profileId). */
    private static final Set<Role> PORTAL_USERS = EnumSet.of(Role.CUSTOMER, Role.PARTNER, Role.ACCOUNT_EXECUTIVE, Role.PARTNER_ACCOUNT_EXECUTIVE);
    /**
     * Users with an account of their own in the portal (customers, and partners, who buy for themselves):
     * own account, subscriptions and invoices. Sales reps act on their customers' accounts instead (My Customers).
     */
    private static final Set<Role> ACCOUNT_HOLDERS = EnumSet.of(Role.CUSTOMER, Role.PARTNER);
    /** The article: My Customers "applies only to Account Executives or Partner Account Executives". */
    private static final Set<Role> SALES = EnumSet.of(Role.ACCOUNT_EXECUTIVE, Role.PARTNER_ACCOUNT_EXECUTIVE);

    public enum Tab {
        MY_ACCOUNT("myAccount", "My Account",
                "The user's ability to view and manage their own account in the portal, including payment methods and contact info."),
        MY_SUBSCRIPTIONS("mySubscriptions", "My Subscriptions",
                "The user's ability to view and manage their own subscriptions: update, cancel, renew or add subscriptions."),
        MY_CUSTOMERS("myCustomers", "My Customers",
                "Applies only to Account Executives and Partner Account Executives: what power they have over their customers' or child accounts and subscriptions."),
        MY_CASES("myCases", "My Cases",
                "With a support ticketing system integrated: whether the user can see, create or edit their support cases."),
        PAY_INVOICES("payInvoices", "Pay Invoices",
                "The user's ability to view and pay their own invoices, and which payment methods they may use."),
        CONFIGURATIONS("configurations", "Configurations",
                "Assigned segments, USD hosted pages, language, extra currencies and communication profile."),
        CURRENCIES("currencies", "Currencies",
                "The hosted pages for each extra currency assigned to the profile in Configurations.");

        private final String id;
        private final String label;
        private final String description;

        Tab(String id, String label, String description) {
            this.id = id;
            this.label = label;
            this.description = description;
        }

        public String id() { return id; }

        public String label() { return label; }

        public String description() { return description; }

        public List<Setting> settings() { return ALL.stream().filter(s -> s.tab() == this).toList(); }

        public static Optional<Tab> byId(String id) { return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst(); }
    }

    /**
     * One setting of a tab.
     *
     * @param appliesWhen another setting's option this one only matters under (a Currencies page only
     *                    for a currency offered in Configurations), or null
     */
    public record Setting(Tab tab, String id, String label, List<Option> options, String defaultOption, Set<Role> roles,
                          Condition appliesWhen) {
        public Setting {
            if (options.stream().noneMatch(o -> o.id().equals(defaultOption))) throw new IllegalArgumentException(id + ": default is not an option");
            roles = Set.copyOf(roles);
            options = List.copyOf(options);
        }

        /** {@code <tab>.<setting>}: how the setting is stored and named in the audit trail. */
        public String key() { return tab.id() + "." + id; }

        public boolean allows(String option) { return options.stream().anyMatch(o -> o.id().equals(option)); }

        public List<String> optionIds() { return options.stream().map(Option::id).toList(); }
    }

    // Bubble sets, shared by the settings that choose alike.
    private static final List<Option> ACCESS = List.of(
            new Option("none", "No access"), new Option("view", "View only"), new Option("manage", "View and manage"));
    private static final List<Option> ALLOWED = List.of(new Option("allowed", "Allowed"), new Option("notAllowed", "Not allowed"));
    private static final List<Option> OFFERED = List.of(new Option("notOffered", "Not offered"), new Option("offered", "Offered"));
    /**
     * Which hosted pages a profile's users see. The article says pages are "assigned to the profile"; the page
     * ids themselves live in the billing system, so the profile chooses among the tenant's sets of pages
     * (a portal admin's usual choice), not a page id.
     */
    private static final List<Option> HOSTED_PAGES = List.of(
            new Option("tenantDefault", "The tenant's default hosted pages"),
            new Option("profileSpecific", "Hosted pages assigned to this profile"),
            new Option("none", "No hosted pages"));

    /** The extra currencies a tenant can offer besides USD (the base: "USD Hosted Pages"). A fixed list, vague in the article. */
    private static final List<String> EXTRA_CURRENCIES = List.of("EUR", "GBP", "CAD", "AUD", "JPY");

    public static final List<Setting> ALL = build();

    private static final Map<String, Setting> BY_KEY = ALL.stream().collect(Collectors.toMap(Setting::key, Function.identity(), (a, b) -> {
        throw new IllegalStateException("duplicate setting " + a.key());
    }, LinkedHashMap::new));

    private static List<Setting> build() {
        List<Setting> all = new java.util.ArrayList<>(List.of(
                // My Account: "view and manage their own account ..., including payment methods, and contact info".
                setting(Tab.MY_ACCOUNT, "accountDetails", "View and manage own account", ACCESS, "view", ACCOUNT_HOLDERS),
                setting(Tab.MY_ACCOUNT, "paymentMethods", "Payment methods", ACCESS, "manage", ACCOUNT_HOLDERS),
                setting(Tab.MY_ACCOUNT, "contactInfo", "Contact info", ACCESS, "manage", ACCOUNT_HOLDERS),

                // My Subscriptions: "view and manage ..., including update, cancel, renew, or add subscriptions".
                // Defaults: seeing and adding (buying) yes; changing what runs is opened deliberately by the admin.
                setting(Tab.MY_SUBSCRIPTIONS, "view", "View subscriptions", ALLOWED, "allowed", ACCOUNT_HOLDERS),
                setting(Tab.MY_SUBSCRIPTIONS, "update", "Update subscriptions", ALLOWED, "notAllowed", ACCOUNT_HOLDERS),
                setting(Tab.MY_SUBSCRIPTIONS, "cancel", "Cancel subscriptions", ALLOWED, "notAllowed", ACCOUNT_HOLDERS),
                setting(Tab.MY_SUBSCRIPTIONS, "renew", "Renew subscriptions", ALLOWED, "notAllowed", ACCOUNT_HOLDERS),
                setting(Tab.MY_SUBSCRIPTIONS, "add", "Add subscriptions", ALLOWED, "allowed", ACCOUNT_HOLDERS),

                // My Customers: "what power Sales Reps/Partners have over their customer or child's accounts and subscriptions".
                setting(Tab.MY_CUSTOMERS, "accounts", "Customers' accounts", ACCESS, "view", SALES),
                setting(Tab.MY_CUSTOMERS, "subscriptions", "Customers' subscriptions", ACCESS, "view", SALES),
                // "customer or child's accounts": whether the power reaches the customers' child accounts too (vague; default: not).
                setting(Tab.MY_CUSTOMERS, "childAccounts", "Include child accounts", ALLOWED, "notAllowed", SALES),

                // My Cases: "see, create, or edit their support cases". Off by default: the tab needs a ticketing
                // system integrated for the tenant, which a new profile cannot assume.
                setting(Tab.MY_CASES, "view", "See cases", ALLOWED, "notAllowed", PORTAL_USERS),
                setting(Tab.MY_CASES, "create", "Create cases", ALLOWED, "notAllowed", PORTAL_USERS),
                setting(Tab.MY_CASES, "edit", "Edit cases", ALLOWED, "notAllowed", PORTAL_USERS),

                // Pay Invoices: "view and pay their own invoices, and which payment methods they are able to use".
                setting(Tab.PAY_INVOICES, "view", "View invoices", ALLOWED, "allowed", ACCOUNT_HOLDERS),
                setting(Tab.PAY_INVOICES, "pay", "Pay invoices", ALLOWED, "allowed", ACCOUNT_HOLDERS),
                setting(Tab.PAY_INVOICES, "paymentMethods", "Payment methods for paying", List.of(
                        new Option("any", "Any payment method"),
                        new Option("cardOnly", "Credit card only"),
                        new Option("bankOnly", "Bank account (ACH) only"),
                        new Option("savedOnly", "Saved payment methods only")), "any", ACCOUNT_HOLDERS),

                // Configurations: "assigned segments, USD Hosted Pages, language, extra currencies, and communication profiles".
                // Segments and communication profiles are defined in the billing system; a profile chooses the tenant's
                // default or none (vague in the article; a console may refine this later).
                setting(Tab.CONFIGURATIONS, "segments", "Assigned segments", List.of(
                        new Option("all", "All segments"), new Option("tenantDefault", "The tenant's default segment only")), "all", PORTAL_USERS),
                setting(Tab.CONFIGURATIONS, "usdHostedPages", "USD Hosted Pages", HOSTED_PAGES, "tenantDefault", PORTAL_USERS),
                setting(Tab.CONFIGURATIONS, "language", "Language", List.of(
                        new Option("en", "English"), new Option("de", "German"), new Option("fr", "French"), new Option("es", "Spanish"),
                        new Option("it", "Italian"), new Option("nl", "Dutch"), new Option("pt", "Portuguese"), new Option("ja", "Japanese"),
                        new Option("zh", "Chinese")), "en", PORTAL_USERS),
                setting(Tab.CONFIGURATIONS, "communicationProfile", "Communication profile", List.of(
                        new Option("tenantDefault", "The tenant's default communication profile"),
                        new Option("none", "No notifications")), "tenantDefault", PORTAL_USERS)));
        // Extra currencies: one on/off bubble per currency in Configurations, and its hosted pages in Currencies.
        for (String currency : EXTRA_CURRENCIES) {
            String id = currency.charAt(0) + currency.substring(1).toLowerCase(java.util.Locale.ROOT);
            all.add(setting(Tab.CONFIGURATIONS, "extraCurrency" + id, "Extra currency: " + currency, OFFERED, "notOffered", PORTAL_USERS));
        }
        for (String currency : EXTRA_CURRENCIES) {
            String id = currency.charAt(0) + currency.substring(1).toLowerCase(java.util.Locale.ROOT);
            all.add(new Setting(Tab.CURRENCIES, id.toLowerCase(java.util.Locale.ROOT) + "HostedPages", currency + " Hosted Pages", HOSTED_PAGES,
                    "tenantDefault", PORTAL_USERS, new Condition(Tab.CONFIGURATIONS.id() + ".extraCurrency" + id, "offered")));
        }
        return List.copyOf(all);
    }

    private static Setting setting(Tab tab, String id, String label, List<Option> options, String defaultOption, Set<Role> roles) {
        return new Setting(tab, id, label, options, defaultOption, roles, null);
    }

    /** The setting stored under {@code key} ({@code <tab>.<setting>}). */
    public static Optional<Setting> byKey(String key) { return Optional.ofNullable(BY_KEY.get(key)); }

    /** Every setting's value: what is stored, else the default; in the order of {@link #ALL}. */
    public static Map<String, String> effective(Map<String, String> stored) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Setting setting : ALL) values.put(setting.key(), stored.getOrDefault(setting.key(), setting.defaultOption()));
        return values;
    }
}
