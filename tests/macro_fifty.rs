//! 50 actions declared with `graphgen_macros::action!`, one per invocation: the input
//! of the expansion-time measurement (`cargo bench -p graphgen --bench declare`, and
//! `cargo check` of this test; figures in the README). Each module compiles and its
//! request bodies round-trip.

graphgen_macros::action! {
    /// Action 1: `addLargeGalleryViewV1` on a call (a made-up endpoint).
    POST "/communications/calls/{id}/addLargeGalleryViewV1" => action_01 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            clientContext?: String,
            prompts?: collection(mediaPrompt),
            loop?: bool,
        }
        returns 202 addLargeGalleryViewOperation;
    }
}
graphgen_macros::action! {
    /// Action 2: `answerV2` on a call (a made-up endpoint).
    POST "/communications/calls/{id}/answerV2" => action_02 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            callbackUri: String,
            mediaConfig: appHostedMediaConfig | serviceHostedMediaConfig,
            acceptedModalities?: collection(modality),
        }
        returns 202 + Location(commsOperation);
    }
}
graphgen_macros::action! {
    /// Action 3: `cancelMediaProcessingV3` on a call (a made-up endpoint).
    POST "/communications/calls/{id}/cancelMediaProcessingV3" => action_03 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            targets: collection(invitationParticipantInfo),
            timeout?: Int32,
        }
        returns 202 cancelMediaProcessingOperation;
    }
}
graphgen_macros::action! {
    /// Action 4: `changeScreenSharingRoleV4` on a call (a made-up endpoint).
    POST "/communications/calls/{id}/changeScreenSharingRoleV4" => action_04 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            status: operationStatus,
            clientContext?: String,
        }
        returns 202 + Location(commsOperation);
    }
}
graphgen_macros::action! {
    /// Action 5: `keepAliveV5` on a call (a made-up endpoint).
    POST "/communications/calls/{id}/keepAliveV5" => action_05 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            clientContext?: String,
        }
        returns 202 + Location(commsOperation);
    }
}
graphgen_macros::action! {
    /// Action 6: `muteV6` on a call (a made-up endpoint).
    POST "/communications/calls/{id}/muteV6" => action_06 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            clientContext?: String,
            prompts?: collection(mediaPrompt),
            loop?: bool,
        }
        returns 202 muteParticipantOperation;
    }
}
graphgen_macros::action! {
    /// Action 7: `playPromptV7` on a call (a made-up endpoint).
    POST "/communications/calls/{id}/playPromptV7" => action_07 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            callbackUri: String,
            mediaConfig: appHostedMediaConfig | serviceHostedMediaConfig,
            acceptedModalities?: collection(modality),
        }
        returns 202 playPromptOperation;
    }
}
graphgen_macros::action! {
    /// Action 8: `recordV8` on a call (a made-up endpoint).
    POST "/communications/calls/{id}/recordV8" => action_08 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            targets: collection(invitationParticipantInfo),
            timeout?: Int32,
        }
        returns 202 recordOperation;
    }
}
graphgen_macros::action! {
    /// Action 9: `redirectV9` on a call (a made-up endpoint).
    POST "/communications/calls/{id}/redirectV9" => action_09 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            status: operationStatus,
            clientContext?: String,
        }
        returns 204;
    }
}
graphgen_macros::action! {
    /// Action 10: `rejectV10` on a call (a made-up endpoint).
    POST "/communications/calls/{id}/rejectV10" => action_10 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            clientContext?: String,
        }
        returns 202 + Location(commsOperation);
    }
}
graphgen_macros::action! {
    /// Action 11: `sendDtmfTonesV11` on a call (a made-up endpoint).
    POST "/communications/calls/{id}/sendDtmfTonesV11" => action_11 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            clientContext?: String,
            prompts?: collection(mediaPrompt),
            loop?: bool,
        }
        returns 202 sendDtmfTonesOperation;
    }
}
graphgen_macros::action! {
    /// Action 12: `startTranscriptionV12` on a call (a made-up endpoint).
    POST "/communications/calls/{id}/startTranscriptionV12" => action_12 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            callbackUri: String,
            mediaConfig: appHostedMediaConfig | serviceHostedMediaConfig,
            acceptedModalities?: collection(modality),
        }
        returns 202 startTranscriptionOperation;
    }
}
graphgen_macros::action! {
    /// Action 13: `stopTranscriptionV13` on a call (a made-up endpoint).
    POST "/communications/calls/{id}/stopTranscriptionV13" => action_13 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            targets: collection(invitationParticipantInfo),
            timeout?: Int32,
        }
        returns 202 stopTranscriptionOperation;
    }
}
graphgen_macros::action! {
    /// Action 14: `subscribeToToneV14` on a call (a made-up endpoint).
    POST "/communications/calls/{id}/subscribeToToneV14" => action_14 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            status: operationStatus,
            clientContext?: String,
        }
        returns 202 subscribeToToneOperation;
    }
}
graphgen_macros::action! {
    /// Action 15: `transferV15` on a call (a made-up endpoint).
    POST "/communications/calls/{id}/transferV15" => action_15 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            clientContext?: String,
        }
        returns 204;
    }
}
graphgen_macros::action! {
    /// Action 16: `unmuteV16` on a call (a made-up endpoint).
    POST "/communications/calls/{id}/unmuteV16" => action_16 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            clientContext?: String,
            prompts?: collection(mediaPrompt),
            loop?: bool,
        }
        returns 202 unmuteParticipantOperation;
    }
}
graphgen_macros::action! {
    /// Action 17: `updateRecordingStatusV17` on a call (a made-up endpoint).
    POST "/communications/calls/{id}/updateRecordingStatusV17" => action_17 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            callbackUri: String,
            mediaConfig: appHostedMediaConfig | serviceHostedMediaConfig,
            acceptedModalities?: collection(modality),
        }
        returns 202 updateRecordingStatusOperation;
    }
}
graphgen_macros::action! {
    /// Action 18: `addLargeGalleryViewV18` on a call (a made-up endpoint).
    POST "/communications/calls/{id}/addLargeGalleryViewV18" => action_18 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            targets: collection(invitationParticipantInfo),
            timeout?: Int32,
        }
        returns 202 addLargeGalleryViewOperation;
    }
}
graphgen_macros::action! {
    /// Action 19: `answerV19` on a call (a made-up endpoint).
    POST "/communications/calls/{id}/answerV19" => action_19 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            status: operationStatus,
            clientContext?: String,
        }
        returns 202 + Location(commsOperation);
    }
}
graphgen_macros::action! {
    /// Action 20: `cancelMediaProcessingV20` on a call (a made-up endpoint).
    POST "/communications/calls/{id}/cancelMediaProcessingV20" => action_20 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            clientContext?: String,
        }
        returns 202 cancelMediaProcessingOperation;
    }
}
graphgen_macros::action! {
    /// Action 21: `changeScreenSharingRoleV21` on a call (a made-up endpoint).
    POST "/communications/calls/{id}/changeScreenSharingRoleV21" => action_21 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            clientContext?: String,
            prompts?: collection(mediaPrompt),
            loop?: bool,
        }
        returns 204;
    }
}
graphgen_macros::action! {
    /// Action 22: `keepAliveV22` on a call (a made-up endpoint).
    POST "/communications/calls/{id}/keepAliveV22" => action_22 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            callbackUri: String,
            mediaConfig: appHostedMediaConfig | serviceHostedMediaConfig,
            acceptedModalities?: collection(modality),
        }
        returns 202 + Location(commsOperation);
    }
}
graphgen_macros::action! {
    /// Action 23: `muteV23` on a call (a made-up endpoint).
    POST "/communications/calls/{id}/muteV23" => action_23 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            targets: collection(invitationParticipantInfo),
            timeout?: Int32,
        }
        returns 202 muteParticipantOperation;
    }
}
graphgen_macros::action! {
    /// Action 24: `playPromptV24` on a call (a made-up endpoint).
    POST "/communications/calls/{id}/playPromptV24" => action_24 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            status: operationStatus,
            clientContext?: String,
        }
        returns 202 playPromptOperation;
    }
}
graphgen_macros::action! {
    /// Action 25: `recordV25` on a call (a made-up endpoint).
    POST "/communications/calls/{id}/recordV25" => action_25 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            clientContext?: String,
        }
        returns 202 recordOperation;
    }
}
graphgen_macros::action! {
    /// Action 26: `addLargeGalleryViewV26` on a call (a made-up endpoint).
    #[beta]
    POST "/communications/calls/{id}/addLargeGalleryViewV26" => action_26 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            clientContext?: String,
            prompts?: collection(mediaPrompt),
            loop?: bool,
        }
        returns 202 addLargeGalleryViewOperation;
    }
}
graphgen_macros::action! {
    /// Action 27: `answerV27` on a call (a made-up endpoint).
    #[beta]
    POST "/communications/calls/{id}/answerV27" => action_27 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            callbackUri: String,
            mediaConfig: appHostedMediaConfig | serviceHostedMediaConfig,
            acceptedModalities?: collection(modality),
        }
        returns 204;
    }
}
graphgen_macros::action! {
    /// Action 28: `cancelMediaProcessingV28` on a call (a made-up endpoint).
    #[beta]
    POST "/communications/calls/{id}/cancelMediaProcessingV28" => action_28 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            targets: collection(invitationParticipantInfo),
            timeout?: Int32,
        }
        returns 202 cancelMediaProcessingOperation;
    }
}
graphgen_macros::action! {
    /// Action 29: `changeScreenSharingRoleV29` on a call (a made-up endpoint).
    #[beta]
    POST "/communications/calls/{id}/changeScreenSharingRoleV29" => action_29 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            status: operationStatus,
            clientContext?: String,
        }
        returns 202 + Location(commsOperation);
    }
}
graphgen_macros::action! {
    /// Action 30: `keepAliveV30` on a call (a made-up endpoint).
    #[beta]
    POST "/communications/calls/{id}/keepAliveV30" => action_30 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            clientContext?: String,
        }
        returns 204;
    }
}
graphgen_macros::action! {
    /// Action 31: `muteV31` on a call (a made-up endpoint).
    #[beta]
    POST "/communications/calls/{id}/muteV31" => action_31 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            clientContext?: String,
            prompts?: collection(mediaPrompt),
            loop?: bool,
        }
        returns 202 muteParticipantOperation;
    }
}
graphgen_macros::action! {
    /// Action 32: `playPromptV32` on a call (a made-up endpoint).
    #[beta]
    POST "/communications/calls/{id}/playPromptV32" => action_32 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            callbackUri: String,
            mediaConfig: appHostedMediaConfig | serviceHostedMediaConfig,
            acceptedModalities?: collection(modality),
        }
        returns 202 playPromptOperation;
    }
}
graphgen_macros::action! {
    /// Action 33: `recordV33` on a call (a made-up endpoint).
    #[beta]
    POST "/communications/calls/{id}/recordV33" => action_33 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            targets: collection(invitationParticipantInfo),
            timeout?: Int32,
        }
        returns 202 recordOperation;
    }
}
graphgen_macros::action! {
    /// Action 34: `redirectV34` on a call (a made-up endpoint).
    #[beta]
    POST "/communications/calls/{id}/redirectV34" => action_34 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            status: operationStatus,
            clientContext?: String,
        }
        returns 202 + Location(commsOperation);
    }
}
graphgen_macros::action! {
    /// Action 35: `rejectV35` on a call (a made-up endpoint).
    #[beta]
    POST "/communications/calls/{id}/rejectV35" => action_35 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            clientContext?: String,
        }
        returns 202 + Location(commsOperation);
    }
}
graphgen_macros::action! {
    /// Action 36: `sendDtmfTonesV36` on a call (a made-up endpoint).
    #[beta]
    POST "/communications/calls/{id}/sendDtmfTonesV36" => action_36 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            clientContext?: String,
            prompts?: collection(mediaPrompt),
            loop?: bool,
        }
        returns 202 sendDtmfTonesOperation;
    }
}
graphgen_macros::action! {
    /// Action 37: `startTranscriptionV37` on a call (a made-up endpoint).
    #[beta]
    POST "/communications/calls/{id}/startTranscriptionV37" => action_37 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            callbackUri: String,
            mediaConfig: appHostedMediaConfig | serviceHostedMediaConfig,
            acceptedModalities?: collection(modality),
        }
        returns 202 startTranscriptionOperation;
    }
}
graphgen_macros::action! {
    /// Action 38: `stopTranscriptionV38` on a call (a made-up endpoint).
    #[beta]
    POST "/communications/calls/{id}/stopTranscriptionV38" => action_38 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            targets: collection(invitationParticipantInfo),
            timeout?: Int32,
        }
        returns 202 stopTranscriptionOperation;
    }
}
graphgen_macros::action! {
    /// Action 39: `subscribeToToneV39` on a call (a made-up endpoint).
    #[beta]
    POST "/communications/calls/{id}/subscribeToToneV39" => action_39 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            status: operationStatus,
            clientContext?: String,
        }
        returns 202 subscribeToToneOperation;
    }
}
graphgen_macros::action! {
    /// Action 40: `transferV40` on a call (a made-up endpoint).
    #[beta]
    POST "/communications/calls/{id}/transferV40" => action_40 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            clientContext?: String,
        }
        returns 202 + Location(commsOperation);
    }
}
graphgen_macros::action! {
    /// Action 41: `unmuteV41` on a call (a made-up endpoint).
    #[beta]
    POST "/communications/calls/{id}/unmuteV41" => action_41 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            clientContext?: String,
            prompts?: collection(mediaPrompt),
            loop?: bool,
        }
        returns 202 unmuteParticipantOperation;
    }
}
graphgen_macros::action! {
    /// Action 42: `updateRecordingStatusV42` on a call (a made-up endpoint).
    #[beta]
    POST "/communications/calls/{id}/updateRecordingStatusV42" => action_42 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            callbackUri: String,
            mediaConfig: appHostedMediaConfig | serviceHostedMediaConfig,
            acceptedModalities?: collection(modality),
        }
        returns 202 updateRecordingStatusOperation;
    }
}
graphgen_macros::action! {
    /// Action 43: `addLargeGalleryViewV43` on a call (a made-up endpoint).
    #[beta]
    POST "/communications/calls/{id}/addLargeGalleryViewV43" => action_43 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            targets: collection(invitationParticipantInfo),
            timeout?: Int32,
        }
        returns 202 addLargeGalleryViewOperation;
    }
}
graphgen_macros::action! {
    /// Action 44: `answerV44` on a call (a made-up endpoint).
    #[beta]
    POST "/communications/calls/{id}/answerV44" => action_44 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            status: operationStatus,
            clientContext?: String,
        }
        returns 202 + Location(commsOperation);
    }
}
graphgen_macros::action! {
    /// Action 45: `cancelMediaProcessingV45` on a call (a made-up endpoint).
    #[beta]
    POST "/communications/calls/{id}/cancelMediaProcessingV45" => action_45 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            clientContext?: String,
        }
        returns 202 cancelMediaProcessingOperation;
    }
}
graphgen_macros::action! {
    /// Action 46: `changeScreenSharingRoleV46` on a call (a made-up endpoint).
    #[beta]
    POST "/communications/calls/{id}/changeScreenSharingRoleV46" => action_46 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            clientContext?: String,
            prompts?: collection(mediaPrompt),
            loop?: bool,
        }
        returns 202 + Location(commsOperation);
    }
}
graphgen_macros::action! {
    /// Action 47: `keepAliveV47` on a call (a made-up endpoint).
    #[beta]
    POST "/communications/calls/{id}/keepAliveV47" => action_47 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            callbackUri: String,
            mediaConfig: appHostedMediaConfig | serviceHostedMediaConfig,
            acceptedModalities?: collection(modality),
        }
        returns 202 + Location(commsOperation);
    }
}
graphgen_macros::action! {
    /// Action 48: `muteV48` on a call (a made-up endpoint).
    #[beta]
    POST "/communications/calls/{id}/muteV48" => action_48 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            targets: collection(invitationParticipantInfo),
            timeout?: Int32,
        }
        returns 202 muteParticipantOperation;
    }
}
graphgen_macros::action! {
    /// Action 49: `playPromptV49` on a call (a made-up endpoint).
    #[beta]
    POST "/communications/calls/{id}/playPromptV49" => action_49 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            status: operationStatus,
            clientContext?: String,
        }
        returns 202 playPromptOperation;
    }
}
graphgen_macros::action! {
    /// Action 50: `recordV50` on a call (a made-up endpoint).
    #[beta]
    POST "/communications/calls/{id}/recordV50" => action_50 {
        path {
            /// The call's id.
            id
        }
        permissions { application: "Calls.AccessMedia.All" (higher: "Calls.Initiate.All") }
        body {
            clientContext?: String,
        }
        returns 202 recordOperation;
    }
}
type Reserialize = fn(
    &str,
    graphgen_runtime::serde_json::Value,
) -> Option<
    Result<graphgen_runtime::serde_json::Value, graphgen_runtime::serde_json::Error>,
>;

/// Each declared action's page and its module's request registry.
const DECLARED: &[(&str, Reserialize)] = &[
    ("call-addlargegalleryviewv1", action_01::v1::requests::reserialize),
    ("call-answerv2", action_02::v1::requests::reserialize),
    ("call-cancelmediaprocessingv3", action_03::v1::requests::reserialize),
    ("call-changescreensharingrolev4", action_04::v1::requests::reserialize),
    ("call-keepalivev5", action_05::v1::requests::reserialize),
    ("call-mutev6", action_06::v1::requests::reserialize),
    ("call-playpromptv7", action_07::v1::requests::reserialize),
    ("call-recordv8", action_08::v1::requests::reserialize),
    ("call-redirectv9", action_09::v1::requests::reserialize),
    ("call-rejectv10", action_10::v1::requests::reserialize),
    ("call-senddtmftonesv11", action_11::v1::requests::reserialize),
    ("call-starttranscriptionv12", action_12::v1::requests::reserialize),
    ("call-stoptranscriptionv13", action_13::v1::requests::reserialize),
    ("call-subscribetotonev14", action_14::v1::requests::reserialize),
    ("call-transferv15", action_15::v1::requests::reserialize),
    ("call-unmutev16", action_16::v1::requests::reserialize),
    ("call-updaterecordingstatusv17", action_17::v1::requests::reserialize),
    ("call-addlargegalleryviewv18", action_18::v1::requests::reserialize),
    ("call-answerv19", action_19::v1::requests::reserialize),
    ("call-cancelmediaprocessingv20", action_20::v1::requests::reserialize),
    ("call-changescreensharingrolev21", action_21::v1::requests::reserialize),
    ("call-keepalivev22", action_22::v1::requests::reserialize),
    ("call-mutev23", action_23::v1::requests::reserialize),
    ("call-playpromptv24", action_24::v1::requests::reserialize),
    ("call-recordv25", action_25::v1::requests::reserialize),
    ("call-addlargegalleryviewv26", action_26::beta::requests::reserialize),
    ("call-answerv27", action_27::beta::requests::reserialize),
    ("call-cancelmediaprocessingv28", action_28::beta::requests::reserialize),
    ("call-changescreensharingrolev29", action_29::beta::requests::reserialize),
    ("call-keepalivev30", action_30::beta::requests::reserialize),
    ("call-mutev31", action_31::beta::requests::reserialize),
    ("call-playpromptv32", action_32::beta::requests::reserialize),
    ("call-recordv33", action_33::beta::requests::reserialize),
    ("call-redirectv34", action_34::beta::requests::reserialize),
    ("call-rejectv35", action_35::beta::requests::reserialize),
    ("call-senddtmftonesv36", action_36::beta::requests::reserialize),
    ("call-starttranscriptionv37", action_37::beta::requests::reserialize),
    ("call-stoptranscriptionv38", action_38::beta::requests::reserialize),
    ("call-subscribetotonev39", action_39::beta::requests::reserialize),
    ("call-transferv40", action_40::beta::requests::reserialize),
    ("call-unmutev41", action_41::beta::requests::reserialize),
    ("call-updaterecordingstatusv42", action_42::beta::requests::reserialize),
    ("call-addlargegalleryviewv43", action_43::beta::requests::reserialize),
    ("call-answerv44", action_44::beta::requests::reserialize),
    ("call-cancelmediaprocessingv45", action_45::beta::requests::reserialize),
    ("call-changescreensharingrolev46", action_46::beta::requests::reserialize),
    ("call-keepalivev47", action_47::beta::requests::reserialize),
    ("call-mutev48", action_48::beta::requests::reserialize),
    ("call-playpromptv49", action_49::beta::requests::reserialize),
    ("call-recordv50", action_50::beta::requests::reserialize),
];

#[test]
fn fifty_declared_actions_compile_and_their_bodies_round_trip() {
    assert_eq!(DECLARED.len(), 50);
    let body = graphgen_runtime::serde_json::json!({"clientContext": "c", "extra": 1});
    for (page, reserialize) in DECLARED {
        let back = reserialize(page, body.clone())
            .unwrap_or_else(|| panic!("{page}: no request body here"))
            .unwrap_or_else(|e| panic!("{page}: {e}"));
        assert_eq!(back, body, "{page}");
    }
}
