import Foundation
import PressData

/// What a record is bound with besides its data: language, locale, the injected date and shared caches.
public struct BindContext: Sendable {
    /// Overrides the template's language (`--lang`); nil: from the data / `default-language`.
    public var language: String?
    /// Overrides the locale (e.g. `de-CH`); nil: the language's main locale.
    public var locale: String?
    /// The date `today` stands for (never the wall clock: output must be reproducible).
    public var today: CivilDate
    /// Images named by data paths, shared across documents.
    public var images: ImageCache
    /// Folders a data-provided image path may point into (relative paths resolve against them, in order);
    /// empty: the template folder only.
    public var imageDirectories: [String]
    /// Warn about data paths that do not exist (used by `presswork check --data`).
    public var reportMissingPaths: Bool
    public var limits: EvaluationLimits

    public init(language: String? = nil, locale: String? = nil, today: CivilDate, images: ImageCache = ImageCache(),
                imageDirectories: [String] = [], reportMissingPaths: Bool = false, limits: EvaluationLimits = EvaluationLimits()) {
        self.language = language
        self.locale = locale
        self.today = today
        self.images = images
        self.imageDirectories = imageDirectories
        self.reportMissingPaths = reportMissingPaths
        self.limits = limits
    }
}
